import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { CustomerTier } from '../__generated__/graphql';
import { graphql } from '../__generated__/gql';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useMe } from '../lib/me';
import { Pager } from '../lib/pager';
import { PartialNotice } from '../lib/problems';
import { may } from '../lib/roles';

const CustomersQuery = graphql(`
  query Customers($first: Int!, $after: String, $filter: CustomerFilter) {
    customers(first: $first, after: $after, filter: $filter, orderBy: { field: CREATED_AT }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        tier
        lifecycleStage
        phone
        inPool
        lastFollowUpAt
        owner {
          id
          name
        }
      }
    }
  }
`);

const TIERS: CustomerTier[] = ['KEY', 'A', 'B', 'C'];
const PAGE = 20;

export default function Customers() {
  const { t, e, locale } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const tier = params.get('tier') as CustomerTier | null;
  // cursors of the pages before this one, for "previous"
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const after = cursors.at(-1) ?? null;
  const [draft, setDraft] = useState(search);
  const [{ data, error, fetching }] = useQuery({
    query: CustomersQuery,
    variables: {
      first: PAGE,
      after,
      filter: { search: search || null, tiers: tier ? [tier] : null },
    },
  });

  const apply = (next: { q?: string; tier?: string | null }) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setCursors([]);
    setParams(merged);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: draft.trim() });
  };
  const page = data?.customers;

  return (
    <>
      <div className="title-row">
        <h1>{t('customers.title')}</h1>
        {may(me.roles, 'customers.write') && (
          <Link className="button" to="/customers/new">
            {t('customers.new')}
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={onSearch}>
        <label htmlFor="customer-search">{t('customers.search')}</label>
        <input
          id="customer-search"
          type="search"
          value={draft}
          onChange={(ev) => setDraft(ev.target.value)}
        />
        <label htmlFor="customer-tier">{t('customers.tier')}</label>
        <select
          id="customer-tier"
          value={tier ?? ''}
          onChange={(ev) => apply({ tier: ev.target.value || null })}
        >
          <option value="">{t('customers.anyTier')}</option>
          {TIERS.map((value) => (
            <option key={value} value={value}>
              {e(value)}
            </option>
          ))}
        </select>
        <button type="submit">{t('customers.search')}</button>
      </form>
      <PartialNotice error={error} />
      {fetching && !data && <p>{t('common.loading')}</p>}
      {page && (
        <>
          <p aria-live="polite">{t('customers.count', { n: page.totalCount })}</p>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('customers.tier')}</th>
                  <th scope="col">{t('customers.lifecycle')}</th>
                  <th scope="col">{t('customers.phone')}</th>
                  <th scope="col">{t('common.owner')}</th>
                  <th scope="col">{t('c360.lastFollowUp')}</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/customers/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{e(c.tier)}</td>
                    <td>{e(c.lifecycleStage)}</td>
                    <td>{c.phone ?? '—'}</td>
                    <td>{c.owner?.name ?? (c.inPool ? t('customers.pool') : '—')}</td>
                    <td>{formatDateTime(c.lastFollowUpAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager cursors={cursors} onChange={setCursors} pageInfo={page.pageInfo} />
        </>
      )}
    </>
  );
}
