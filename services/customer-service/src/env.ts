import { envFields, parseEnv, serviceEnvSchema } from '@crm/config';
import { z } from 'zod';

/** Support desk settings (README: Configuration). */
export const deskEnvSchema = z.object({
  /** The time zone of a business calendar that names none. */
  BUSINESS_TIMEZONE: serviceEnvSchema('customer-service').shape.BUSINESS_TIMEZONE,
  /** How often the scheduler looks for due SLA warnings and breaches. */
  SCHEDULER_POLL_MS: envFields.positiveInt(1_000),
  /** How long a satisfaction survey can be answered after the ticket is resolved. */
  CSAT_SURVEY_DAYS: envFields.positiveInt(7),
  /** Hours from resolution to the follow-up visit (回访), by customer tier. */
  FOLLOW_UP_HOURS_KEY: envFields.positiveInt(24),
  FOLLOW_UP_HOURS_A: envFields.positiveInt(48),
  FOLLOW_UP_HOURS_B: envFields.positiveInt(72),
  FOLLOW_UP_HOURS_C: envFields.positiveInt(120),
  /** For customers without a tier. */
  FOLLOW_UP_HOURS_OTHER: envFields.positiveInt(168),
  /** Working days from a change to HIGH churn risk to the end of the day the visit is due. */
  CHURN_VISIT_BUSINESS_DAYS: envFields.positiveInt(2),
});

export const customerServiceEnvSchema = serviceEnvSchema('customer-service').extend(
  deskEnvSchema.shape,
);

export type CustomerServiceEnv = z.infer<typeof customerServiceEnvSchema>;

export type DeskRules = z.infer<typeof deskEnvSchema>;

let rules: DeskRules | undefined;

/** The desk settings in force, read from the environment once (tests may replace some). */
export function deskRules(): DeskRules {
  return (rules ??= parseEnv(deskEnvSchema));
}

/** Hours from resolution to the follow-up visit for a customer of `tier`. */
export function followUpHours(tier: string | null): number {
  const r = deskRules();
  const byTier: Record<string, number> = {
    KEY: r.FOLLOW_UP_HOURS_KEY,
    A: r.FOLLOW_UP_HOURS_A,
    B: r.FOLLOW_UP_HOURS_B,
    C: r.FOLLOW_UP_HOURS_C,
  };
  return (tier && byTier[tier]) || r.FOLLOW_UP_HOURS_OTHER;
}

export function useDeskRules(changes: Partial<DeskRules>): void {
  rules = { ...deskRules(), ...changes };
}
