import { scopeOf, type Viewer } from '@crm/auth';
import { Where, type Tx } from '@crm/database';
import { forbidden, requireIds } from '@crm/subgraph';
import {
  csatDistribution,
  serviceFiguresByAgent,
  serviceSeries,
  slaBreachesIn,
  type AgentFiguresRow,
  type BreachRow,
} from '../db/service-report';
import {
  previousPeriod,
  ratio,
  reportPeriod,
  round,
  type Period,
  type ReportBucket,
} from './report-period';

export interface ServiceReportArgs {
  from: string;
  to: string;
  bucket: ReportBucket;
  filter?: {
    teamIds?: readonly string[] | null;
    agentIds?: readonly string[] | null;
    regions?: readonly string[] | null;
    tiers?: readonly string[] | null;
  } | null;
}

export interface ServiceFigures {
  agentId: string | null;
  teamId: string | null;
  opened: number;
  resolved: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  firstResponseCompliance: number | null;
  resolutionCompliance: number | null;
  csatAnswers: number;
  csatAverage: number | null;
}

export interface ServiceReport extends Period {
  bucket: ReportBucket;
  timeZone: string;
  current: {
    from: string;
    to: string;
    figures: ServiceFigures;
    csatDistribution: { score: number; count: number }[];
  };
  previous: ServiceReport['current'];
  byAgent: ServiceFigures[];
  byTeam: ServiceFigures[];
  /** The breaches of the period, oldest first, up to `first`. */
  breaches(first: number): Promise<BreachRow[]>;
  series: {
    start: string;
    opened: number;
    resolved: number;
    csatAnswers: number;
    csatAverage: number | null;
  }[];
}

const round2 = (n: number | null) => round(n, 2);

/** Adds up agents' rows into one (a team's, or the total). */
function figuresOf(
  list: AgentFiguresRow[],
  agentId: string | null,
  teamId: string | null,
): ServiceFigures {
  const sum = (key: keyof AgentFiguresRow) => list.reduce((n, r) => n + Number(r[key]), 0);
  const opened = sum('opened');
  const csatAnswers = sum('csat_answers');
  const fr = sum('first_response_breaches');
  const res = sum('resolution_breaches');
  return {
    agentId,
    teamId,
    opened,
    resolved: sum('resolved'),
    firstResponseBreaches: fr,
    resolutionBreaches: res,
    firstResponseCompliance: opened ? round(1 - fr / opened, 4) : null,
    resolutionCompliance: opened ? round(1 - res / opened, 4) : null,
    csatAnswers,
    csatAverage: round2(ratio(sum('csat_sum'), csatAnswers)),
  };
}

/** The filter and scope of a service report over the aliases of `db/service-report.ts`. */
export function serviceWhere(viewer: Viewer, filter: ServiceReportArgs['filter']): Where {
  const f = filter ?? {};
  requireIds({ 'filter.teamIds': f.teamIds, 'filter.agentIds': f.agentIds });
  const where = new Where();
  if (f.teamIds?.length) where.add('e.team_id = ANY(?::uuid[])', f.teamIds);
  if (f.agentIds?.length) where.add('x.assignee_id = ANY(?::uuid[])', f.agentIds);
  if (f.regions?.length) where.add('d.region = ANY(?::text[])', f.regions);
  if (f.tiers?.length) where.add('d.tier = ANY(?::text[])', f.tiers);
  // a rep's figures are those of the customers they own or back up (not the public pool), a
  // manager's also those of their teams' customers (judged on the replica)
  const own = '(r.owner_id = ? OR r.backup_owner_id = ?)';
  switch (scopeOf(viewer, 'analytics.read')) {
    case 'all':
      return where;
    case 'team':
      return where.add(
        `(r.team_id = ANY(?::uuid[]) OR ${own})`,
        viewer.managedTeamIds,
        viewer.id,
        viewer.id,
      );
    case 'own':
      return where.add(own, viewer.id, viewer.id);
    case 'none':
      throw forbidden('your roles cannot read analytics');
  }
}

/** The service report for a period, narrowed by the filter and the viewer's scope. */
export async function serviceReport(
  tx: Tx,
  viewer: Viewer,
  args: ServiceReportArgs,
  timeZone: string,
): Promise<ServiceReport> {
  const period = reportPeriod(args.from, args.to);
  const where = serviceWhere(viewer, args.filter);
  const summary = async (p: Period) => ({
    ...p,
    figures: figuresOf(await serviceFiguresByAgent(tx, where, p, timeZone), null, null),
    csatDistribution: await csatDistribution(tx, where, p, timeZone),
  });
  const agents = await serviceFiguresByAgent(tx, where, period, timeZone);
  const teams = [...new Set(agents.map((a) => a.team_id))];
  return {
    ...period,
    bucket: args.bucket,
    timeZone,
    current: await summary(period),
    previous: await summary(previousPeriod(period)),
    byAgent: agents.map((a) => figuresOf([a], a.agent_id, a.team_id)),
    byTeam: teams
      .map((team) =>
        figuresOf(
          agents.filter((a) => a.team_id === team),
          null,
          team,
        ),
      )
      .sort((a, b) => b.opened - a.opened),
    breaches: (first) => slaBreachesIn(tx, where, period, timeZone, Math.max(0, first)),
    series: (await serviceSeries(tx, where, period, timeZone, args.bucket)).map((b) => ({
      start: b.start,
      opened: b.opened,
      resolved: b.resolved,
      csatAnswers: b.csat_answers,
      csatAverage: round2(b.csat_average),
    })),
  };
}
