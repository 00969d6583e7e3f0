import type { ScoringRule } from '../src/db/scoring';
import {
  addDecimal,
  divideDecimal,
  moneyAmount,
  subtractDecimal,
  sumDecimals,
} from '../src/domain/decimal';
import { canMove } from '../src/domain/campaign-status';
import { advance } from '../src/domain/lead-lifecycle';
import { returnsOf } from '../src/domain/performance';
import { fieldPoints, touchPoints } from '../src/domain/scoring-rules';

function rule(overrides: Partial<ScoringRule>): ScoringRule {
  return {
    id: 'r',
    name: 'rule',
    kind: 'FIELD',
    field: 'TITLE',
    operator: 'CONTAINS_ANY',
    values: [],
    touchKind: null,
    campaignId: null,
    points: 10,
    active: true,
    version: 1,
    createdBy: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

const person = { title: null, company: null, companySize: null, region: null, industry: null };

describe('decimal arithmetic', () => {
  it('adds, subtracts and divides decimal strings exactly, rounding half away from zero', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimal('10000.10', '30000')).toBe('-19999.90');
    expect(sumDecimals(['1500.00', '2500.5', '0.05'])).toBe('4000.55');
    expect(divideDecimal('60000', '20000', 4)).toBe('3.0000');
    expect(divideDecimal('2', '3', 4)).toBe('0.6667');
    expect(divideDecimal('-2', '3', 4)).toBe('-0.6667');
    expect(divideDecimal('1', '8', 2)).toBe('0.13');
    expect(divideDecimal('5', '0', 2)).toBeNull();
    expect(moneyAmount('2500')).toBe('2500.00');
    expect(moneyAmount('0.125')).toBe('0.125');
  });

  it('gives cost per lead and ROI per currency, and no ROI without cost', () => {
    expect(returnsOf('CNY', '20000.00', '80000.00', 2)).toMatchObject({
      costPerLead: { amount: '10000.00', currency: 'CNY' },
      roi: '3.0000',
    });
    expect(returnsOf('CNY', '0', '500', 0)).toMatchObject({ costPerLead: null, roi: null });
  });
});

describe('scoring rules', () => {
  it('matches titles whatever the case or character width, and regions exactly', () => {
    const rules = [
      rule({ values: ['总监', 'director'], points: 20 }),
      rule({ field: 'REGION', operator: 'EQUALS_ANY', values: ['上海'], points: 15 }),
    ];
    expect(fieldPoints(rules, { ...person, title: 'Sales ＤＩＲＥＣＴＯＲ' }, [])).toBe(20);
    expect(fieldPoints(rules, { ...person, title: '销售总监', region: '上海' }, [])).toBe(35);
    expect(fieldPoints(rules, { ...person, region: '上海市' }, [])).toBe(0);
  });

  it('applies campaign rules only to leads and touches of that campaign, and never inactive ones', () => {
    const rules = [
      rule({
        kind: 'ENGAGEMENT',
        field: null,
        operator: null,
        touchKind: 'WEBINAR_ATTENDED',
        points: 15,
      }),
      rule({
        kind: 'ENGAGEMENT',
        field: null,
        operator: null,
        touchKind: 'WEBINAR_ATTENDED',
        campaignId: 'c1',
        points: 30,
      }),
      rule({
        kind: 'ENGAGEMENT',
        field: null,
        operator: null,
        touchKind: 'WEBINAR_ATTENDED',
        active: false,
        points: 99,
      }),
      rule({ values: ['CTO'], campaignId: 'c1', points: 5 }),
    ];
    expect(touchPoints(rules, { kind: 'WEBINAR_ATTENDED', campaignId: 'c1' })).toBe(45);
    expect(touchPoints(rules, { kind: 'WEBINAR_ATTENDED', campaignId: 'c2' })).toBe(15);
    expect(touchPoints(rules, { kind: 'EMAIL_OPENED', campaignId: 'c1' })).toBe(0);
    expect(fieldPoints(rules, { ...person, title: 'CTO' }, ['c2'])).toBe(0);
    expect(fieldPoints(rules, { ...person, title: 'CTO' }, ['c2', 'c1'])).toBe(5);
  });
});

describe('statuses', () => {
  it('moves a lead only forward, a conversion outranking a disqualification', () => {
    expect(advance('QUALIFIED', 'HANDED_OFF')).toBe('HANDED_OFF');
    expect(advance('CONTACTED', 'HANDED_OFF')).toBe('CONTACTED');
    expect(advance('CONVERTED', 'DISQUALIFIED')).toBe('CONVERTED');
    expect(advance('DISQUALIFIED', 'CONVERTED')).toBe('CONVERTED');
  });

  it('lets a campaign pause and resume but never leave COMPLETED', () => {
    expect(canMove('ACTIVE', 'PAUSED')).toBe(true);
    expect(canMove('PAUSED', 'ACTIVE')).toBe(true);
    expect(canMove('PLANNED', 'PAUSED')).toBe(false);
    expect(canMove('COMPLETED', 'ACTIVE')).toBe(false);
  });
});
