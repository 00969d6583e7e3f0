import {
  churnRiskOf,
  customerHealth,
  DEFAULT_HEALTH_WEIGHTS,
  inactivityPenalty,
  type HealthFacts,
} from '../src/domain/health';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
const quiet: HealthFacts = {
  tier: 'B',
  openTickets: 0,
  urgentOpenTickets: 0,
  ticketsLast90Days: 0,
  feedbackCount: 0,
  lastActivityAt: daysAgo(1),
  slaBreachesLast90Days: 0,
  csatAverageLast90Days: null,
  wonLast365Days: 0,
  lostLast365Days: 0,
};

describe('the customer health score', () => {
  it('starts a recently active customer without tickets at 80, LOW risk', () => {
    expect(customerHealth(quiet, now)).toMatchObject({ score: 80, churnRisk: 'LOW' });
  });

  it('takes 5 per open ticket and 10 more per urgent one, each capped', () => {
    expect(customerHealth({ ...quiet, openTickets: 2, urgentOpenTickets: 1 }, now).score).toBe(60);
    expect(customerHealth({ ...quiet, openTickets: 9, urgentOpenTickets: 5 }, now).score).toBe(35);
  });

  it('takes 2 per ticket of the last 90 days beyond the third, at most 10', () => {
    expect(customerHealth({ ...quiet, ticketsLast90Days: 3 }, now).score).toBe(80);
    expect(customerHealth({ ...quiet, ticketsLast90Days: 5 }, now).score).toBe(76);
    expect(customerHealth({ ...quiet, ticketsLast90Days: 40 }, now).score).toBe(70);
  });

  it('takes 10, 20 or 30 after 30, 60 or 90 days without any event', () => {
    expect(inactivityPenalty(daysAgo(29), now)).toBe(0);
    expect(inactivityPenalty(daysAgo(30), now)).toBe(10);
    expect(inactivityPenalty(daysAgo(60), now)).toBe(20);
    expect(inactivityPenalty(daysAgo(90), now)).toBe(30);
    expect(inactivityPenalty(null, now)).toBe(30);
  });

  it('adds 10 for KEY accounts, 5 for tier A and 2 per feedback item up to 6', () => {
    expect(customerHealth({ ...quiet, tier: 'KEY' }, now).score).toBe(90);
    expect(customerHealth({ ...quiet, tier: 'A', feedbackCount: 1 }, now).score).toBe(87);
    expect(customerHealth({ ...quiet, tier: 'KEY', feedbackCount: 10 }, now).score).toBe(96);
  });

  it('stays within 0..100 and rates a neglected customer with urgent trouble HIGH risk', () => {
    const trouble = {
      ...quiet,
      openTickets: 6,
      urgentOpenTickets: 3,
      ticketsLast90Days: 12,
      lastActivityAt: daysAgo(120),
    };
    expect(customerHealth(trouble, now)).toMatchObject({ score: 0, churnRisk: 'HIGH' });
  });

  it('takes 10 per missed SLA target (at most 20) and moves 10 per CSAT point from 3', () => {
    expect(customerHealth({ ...quiet, slaBreachesLast90Days: 1 }, now).score).toBe(70);
    expect(customerHealth({ ...quiet, slaBreachesLast90Days: 5 }, now).score).toBe(60);
    expect(customerHealth({ ...quiet, csatAverageLast90Days: 1 }, now).score).toBe(60);
    expect(customerHealth({ ...quiet, csatAverageLast90Days: 4.5 }, now).score).toBe(95);
  });

  it('adds 5 per opportunity won in the last year and takes 5 per one lost, each at most 10', () => {
    expect(customerHealth({ ...quiet, wonLast365Days: 1 }, now).score).toBe(85);
    expect(customerHealth({ ...quiet, wonLast365Days: 3, lostLast365Days: 1 }, now).score).toBe(85);
  });

  it('returns each factor’s contribution, which add up to the score from 80', () => {
    const facts = { ...quiet, tier: 'KEY', openTickets: 2, csatAverageLast90Days: 2 };
    const health = customerHealth(facts, now);
    const by = Object.fromEntries(health.factors.map((f) => [f.factor, f.contribution]));
    expect(by).toMatchObject({ OPEN_TICKETS: -10, CSAT: -10, TIER: 10, RECENT_ACTIVITY: 0 });
    expect(80 + health.factors.reduce((n, f) => n + f.contribution, 0)).toBe(health.score);
  });

  it('weighs each factor as configured: the weight is the most it can move the score', () => {
    const facts = { ...quiet, openTickets: 5, csatAverageLast90Days: 1 };
    expect(customerHealth(facts, now).score).toBe(35); // 80 - 25 - 20
    const weights = { ...DEFAULT_HEALTH_WEIGHTS, OPEN_TICKETS: 10, CSAT: 0 };
    const reweighed = customerHealth(facts, now, weights);
    expect(reweighed.score).toBe(70);
    expect(reweighed.factors.find((f) => f.factor === 'CSAT')).toMatchObject({
      weight: 0,
      signal: -1,
      contribution: 0,
    });
  });

  it('gives the same answer for the same facts and time', () => {
    const facts = { ...quiet, openTickets: 1, lastActivityAt: daysAgo(45) };
    expect(customerHealth(facts, now)).toEqual(customerHealth({ ...facts }, new Date(now)));
  });

  it('draws the risk lines at 70 and 40', () => {
    expect([churnRiskOf(70), churnRiskOf(69), churnRiskOf(40), churnRiskOf(39)]).toEqual([
      'LOW',
      'MEDIUM',
      'MEDIUM',
      'HIGH',
    ]);
  });
});
