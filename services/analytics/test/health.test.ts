import {
  churnRiskOf,
  customerHealth,
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
};

describe('the customer health score', () => {
  it('starts a recently active customer without tickets at 80, LOW risk', () => {
    expect(customerHealth(quiet, now)).toEqual({ score: 80, churnRisk: 'LOW' });
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
    expect(customerHealth(trouble, now)).toEqual({ score: 0, churnRisk: 'HIGH' });
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
