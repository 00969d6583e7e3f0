import type { Lead } from '../db/leads';
import type { RuleField, ScoringRule } from '../db/scoring';
import type { TouchKind } from '../db/touches';

type ScoredFields = Pick<Lead, 'title' | 'company' | 'companySize' | 'region' | 'industry'>;

const FIELD_OF: Record<RuleField, keyof ScoredFields> = {
  TITLE: 'title',
  COMPANY: 'company',
  COMPANY_SIZE: 'companySize',
  REGION: 'region',
  INDUSTRY: 'industry',
};

/** Case-, width- and space-insensitive form for matching (ＤＩＲＥＣＴＯＲ matches director). */
export function matchText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function appliesTo(rule: ScoringRule, campaignIds: readonly (string | null)[]): boolean {
  return rule.active && (rule.campaignId === null || campaignIds.includes(rule.campaignId));
}

/** Whether a field rule matches the lead's value (a missing value matches nothing). */
export function fieldRuleMatches(rule: ScoringRule, lead: ScoredFields): boolean {
  if (rule.kind !== 'FIELD' || !rule.field) return false;
  const raw = lead[FIELD_OF[rule.field]];
  if (!raw) return false;
  const value = matchText(raw);
  const wanted = rule.values.map(matchText).filter(Boolean);
  return rule.operator === 'CONTAINS_ANY'
    ? wanted.some((w) => value.includes(w))
    : wanted.some((w) => value === w);
}

/**
 * Points for who the lead is: every matching field rule counts once. Campaign rules count for
 * leads that came through that campaign (`campaignIds`: the campaigns of the lead's touches).
 */
export function fieldPoints(
  rules: readonly ScoringRule[],
  lead: ScoredFields,
  campaignIds: readonly (string | null)[],
): number {
  return rules
    .filter((r) => appliesTo(r, campaignIds) && fieldRuleMatches(r, lead))
    .reduce((sum, r) => sum + r.points, 0);
}

/** Points one touch earns: the engagement rules for its kind (and its campaign). */
export function touchPoints(
  rules: readonly ScoringRule[],
  touch: { kind: TouchKind; campaignId: string | null },
): number {
  return rules
    .filter(
      (r) =>
        r.kind === 'ENGAGEMENT' && r.touchKind === touch.kind && appliesTo(r, [touch.campaignId]),
    )
    .reduce((sum, r) => sum + r.points, 0);
}
