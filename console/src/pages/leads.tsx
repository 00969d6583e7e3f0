import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../__generated__/gql';
import { formatDateTime, formatDuration } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Pager } from '../lib/pager';
import { failureOf, PartialNotice } from '../lib/problems';

// Leads waiting for their first contact, the nearest deadline first: overdue ones lead the list.
const LeadInboxQuery = graphql(`
  query LeadInbox($first: Int!, $after: String) {
    myLeads(
      first: $first
      after: $after
      filter: { statuses: [ASSIGNED] }
      orderBy: { field: DUE_AT, direction: ASC }
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        lead {
          id
        }
        name
        company
        title
        phone
        email
        region
        score
        assignedAt
        dueAt
        breachCount
      }
    }
  }
`);

const LogLeadContact = graphql(`
  mutation LogLeadContact($input: LogLeadContactInput!) {
    logLeadContact(input: $input) {
      assignment {
        lead {
          id
        }
        status
        contactedAt
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const PAGE = 20;
/** How often the countdowns move on. */
const TICK_MS = 30_000;

/** Time left to the deadline, or how long it is overdue. */
function Countdown({ dueAt, now }: { dueAt: string | null; now: number }) {
  const { t } = useI18n();
  if (!dueAt) return <span className="muted">—</span>;
  const seconds = Math.round((Date.parse(dueAt) - now) / 1000);
  return seconds < 0 ? (
    <strong className="bad nowrap">{t('leads.overdue', { time: formatDuration(seconds) })}</strong>
  ) : (
    <span className="nowrap">{t('leads.left', { time: formatDuration(seconds) })}</span>
  );
}

export default function Leads() {
  const { t, locale } = useI18n();
  // cursors of the pages before this one, for "previous"
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: LeadInboxQuery,
    variables: { first: PAGE, after: cursors.at(-1) ?? null },
  });
  const [, logContact] = useMutation(LogLeadContact);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // per lead: the server's refusal; for the page: the last contact recorded
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [contacted, setContacted] = useState<string | null>(null);

  const contact = async (lead: { id: string; name: string }) => {
    const answer = await logContact({ input: { leadId: lead.id, kind: 'CALL' } });
    const failure = failureOf(answer.data?.logLeadContact.userErrors, answer.error);
    setProblems((all) => ({ ...all, [lead.id]: failure ?? '' }));
    if (failure) return;
    setContacted(t('leads.contacted', { name: lead.name }));
    refetch({ requestPolicy: 'network-only' });
  };

  const page = data?.myLeads;
  return (
    <>
      <h1>{t('leads.title')}</h1>
      <p className="muted">{t('leads.hint')}</p>
      <PartialNotice error={error} />
      {contacted && <p role="status">{contacted}</p>}
      {fetching && !data && <p>{t('common.loading')}</p>}
      {page && (
        <>
          <p aria-live="polite">{t('leads.count', { n: page.totalCount })}</p>
          {page.nodes.length > 0 && (
            <div className="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('leads.lead')}</th>
                    <th scope="col">{t('leads.deadline')}</th>
                    <th scope="col">{t('leads.action')}</th>
                    <th scope="col">{t('leads.contact')}</th>
                    <th scope="col">{t('leads.region')}</th>
                    <th scope="col">{t('leads.score')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.nodes.map((l) => (
                    <tr key={l.lead.id}>
                      <td>
                        <strong>{l.name}</strong>
                        {(l.company || l.title) && (
                          <div className="muted">
                            {[l.company, l.title].filter(Boolean).join(' · ')}
                          </div>
                        )}
                      </td>
                      <td>
                        <Countdown dueAt={l.dueAt ?? null} now={now} />
                        <div className="muted">{formatDateTime(l.dueAt, locale)}</div>
                        {l.breachCount > 0 && (
                          <div className="bad">{t('leads.breaches', { n: l.breachCount })}</div>
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          onClick={() => void contact({ id: l.lead.id, name: l.name })}
                        >
                          {t('leads.logContact')}
                        </button>
                        {problems[l.lead.id] && (
                          <p className="field-error" role="alert">
                            {problems[l.lead.id]}
                          </p>
                        )}
                      </td>
                      <td>
                        {l.phone ?? '—'}
                        {l.email && <div>{l.email}</div>}
                      </td>
                      <td>{l.region ?? '—'}</td>
                      <td>{l.score}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.nodes.length === 0 && <p className="muted">{t('leads.none')}</p>}
          <Pager cursors={cursors} onChange={setCursors} pageInfo={page.pageInfo} />
        </>
      )}
    </>
  );
}
