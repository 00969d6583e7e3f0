import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../__generated__/gql';
import { businessDay, formatMoney } from './format';
import { useI18n } from './i18n';
import { PartialNotice } from './problems';

const Bars = lazy(() => import('./bar-chart'));

const ForecastQuery = graphql(`
  query Forecast($from: String!, $to: String!, $teamIds: [ID!]) {
    salesForecast(fromMonth: $from, toMonth: $to, groupBy: REP, teamIds: $teamIds) {
      month
      owner {
        id
        name
      }
      team {
        name
      }
      currency
      openCount
      weightedAmount {
        amount
        currency
      }
      wonCount
      wonAmount {
        amount
        currency
      }
      forecastAmount {
        amount
        currency
      }
    }
  }
`);

/** The business quarter around today, as YYYY-MM months. */
export function currentQuarter(now = new Date()): { from: string; to: string } {
  const [year, month] = businessDay(now).split('-').map(Number) as [number, number];
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  const pad = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  return { from: pad(first), to: pad(first + 2) };
}

/**
 * Weighted pipeline plus won deals per rep and month, as a table and a bar chart. `revision`
 * changes when the deals it sums changed on the page (a deal moved): it then reloads.
 */
export function Forecast({
  teamIds,
  title,
  revision = 0,
}: {
  teamIds?: string[];
  title: string;
  revision?: number;
}) {
  const { t, locale } = useI18n();
  const { from, to } = currentQuarter();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ForecastQuery,
    variables: { from, to, teamIds: teamIds ?? null },
  });
  useEffect(() => {
    if (revision) refetch({ requestPolicy: 'network-only' });
  }, [revision, refetch]);
  const rows = useMemo(() => data?.salesForecast ?? [], [data]);
  // the chart draws the main currency's figures per rep; the table lists every row
  const chart = useMemo(() => {
    const currency = rows[0]?.currency;
    const byRep = new Map<string, { weighted: number; won: number }>();
    for (const r of rows.filter((r) => r.currency === currency)) {
      const name = r.owner?.name ?? r.team?.name ?? '—';
      const sum = byRep.get(name) ?? { weighted: 0, won: 0 };
      sum.weighted += Number(r.weightedAmount.amount);
      sum.won += Number(r.wonAmount.amount);
      byRep.set(name, sum);
    }
    return {
      currency,
      categories: [...byRep.keys()],
      series: [
        { name: t('pipeline.weighted'), values: [...byRep.values()].map((v) => v.weighted) },
        { name: t('pipeline.won'), values: [...byRep.values()].map((v) => v.won) },
      ],
    };
  }, [rows, t]);

  return (
    <section aria-labelledby="forecast-title">
      <h2 id="forecast-title">
        {title} ({from} – {to})
      </h2>
      <PartialNotice error={error} />
      {fetching && !data && <p>{t('common.loading')}</p>}
      {data && rows.length === 0 && <p>{t('common.none')}</p>}
      {rows.length > 0 && (
        <>
          <Suspense fallback={<p>{t('common.loading')}</p>}>
            <Bars
              categories={chart.categories}
              series={chart.series}
              label={`${title} ${chart.currency ?? ''}`}
            />
          </Suspense>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('pipeline.month')}</th>
                  <th scope="col">{t('pipeline.rep')}</th>
                  <th scope="col">{t('pipeline.open')}</th>
                  <th scope="col">{t('pipeline.weighted')}</th>
                  <th scope="col">{t('pipeline.won')}</th>
                  <th scope="col">{t('pipeline.forecastAmount')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.month}-${r.owner?.id ?? r.team?.name}-${r.currency}`}>
                    <td>{r.month}</td>
                    <td>{r.owner?.name ?? r.team?.name ?? '—'}</td>
                    <td>{r.openCount}</td>
                    <td>{formatMoney(r.weightedAmount, locale)}</td>
                    <td>
                      {r.wonCount} · {formatMoney(r.wonAmount, locale)}
                    </td>
                    <td>{formatMoney(r.forecastAmount, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
