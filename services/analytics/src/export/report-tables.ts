import type { SalesReport, SalesSummary } from '../domain/sales-report';
import type { ServiceFigures, ServiceReport } from '../domain/service-report';
import type { Table } from './cells';

const salesSummaryRow = (label: string, s: SalesSummary) => [
  label,
  s.from,
  s.to,
  s.created,
  s.won,
  s.lost,
  s.winRate,
  s.averageSalesCycleDays,
  Number(s.wonAmount.amount),
  Number(s.forecastAmount.amount),
  s.forecastAchievement,
];

/** The sales report as tables: summary (current and previous), funnel, series. */
export function salesTables(r: SalesReport): Table[] {
  return [
    {
      name: 'Summary',
      columns: [
        'period',
        'from',
        'to',
        'created',
        'won',
        'lost',
        'win rate',
        'average sales cycle (days)',
        `won amount (${r.currency})`,
        `forecast amount (${r.currency})`,
        'forecast achievement',
      ],
      rows: [salesSummaryRow('current', r.current), salesSummaryRow('previous', r.previous)],
    },
    {
      name: 'Funnel',
      columns: [
        'stage',
        'probability',
        'count',
        `amount (${r.currency})`,
        'conversion to next',
        'cumulative conversion',
      ],
      rows: r.funnel.map((s) => [
        s.stage,
        s.probability,
        s.count,
        Number(s.amount.amount),
        s.conversionToNext,
        s.cumulativeConversion,
      ]),
    },
    {
      name: 'Series',
      columns: [
        `${r.bucket.toLowerCase()} from`,
        'created',
        'won',
        'lost',
        `won amount (${r.currency})`,
      ],
      rows: r.series.map((b) => [b.start, b.created, b.won, b.lost, Number(b.wonAmount.amount)]),
    },
  ];
}

const figureColumns = [
  'opened',
  'resolved',
  'first response breaches',
  'resolution breaches',
  'first response compliance',
  'resolution compliance',
  'CSAT answers',
  'CSAT average',
];
const figures = (f: ServiceFigures) => [
  f.opened,
  f.resolved,
  f.firstResponseBreaches,
  f.resolutionBreaches,
  f.firstResponseCompliance,
  f.resolutionCompliance,
  f.csatAnswers,
  f.csatAverage,
];

/** At most this many breaches in an export. */
export const EXPORT_BREACH_LIMIT = 10_000;

/** The service report as tables: summary, per agent, per team, breaches, series. */
export async function serviceTables(r: ServiceReport): Promise<Table[]> {
  return [
    {
      name: 'Summary',
      columns: ['period', 'from', 'to', ...figureColumns],
      rows: [
        ['current', r.current.from, r.current.to, ...figures(r.current.figures)],
        ['previous', r.previous.from, r.previous.to, ...figures(r.previous.figures)],
      ],
    },
    {
      name: 'By agent',
      columns: ['agent id', 'team id', ...figureColumns],
      rows: r.byAgent.map((f) => [f.agentId, f.teamId, ...figures(f)]),
    },
    {
      name: 'By team',
      columns: ['team id', ...figureColumns],
      rows: r.byTeam.map((f) => [f.teamId, ...figures(f)]),
    },
    {
      name: 'SLA breaches',
      columns: [
        'ticket id',
        'customer id',
        'target',
        'priority',
        'due at',
        'breached at',
        'agent id',
      ],
      rows: (await r.breaches(EXPORT_BREACH_LIMIT)).map((b) => [
        b.ticket_id,
        b.customer_id,
        b.target,
        b.priority,
        b.due_at.toISOString(),
        b.breached_at.toISOString(),
        b.agent_id,
      ]),
    },
    {
      name: 'Series',
      columns: [
        `${r.bucket.toLowerCase()} from`,
        'opened',
        'resolved',
        'CSAT answers',
        'CSAT average',
      ],
      rows: r.series.map((b) => [b.start, b.opened, b.resolved, b.csatAnswers, b.csatAverage]),
    },
  ];
}
