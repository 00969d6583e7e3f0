import { envFields, parseEnv, serviceEnvSchema } from '@crm/config';
import { z } from 'zod';

const decimalText = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(\.\d{1,2})?$/, 'must be a decimal number such as 15 or 12.5')
    .default(fallback);

/** Pipeline, follow-up, quote and lead hand-off rules (README: Configuration). */
export const pipelineEnvSchema = z.object({
  BUSINESS_TIMEZONE: serviceEnvSchema('sales').shape.BUSINESS_TIMEZONE,
  /** How many open stages a forward move may jump over (0: one stage at a time). */
  OPPORTUNITY_MAX_STAGE_SKIP: z.coerce.number().int().min(0).default(1),
  /** A quote whose overall discount is above this percentage needs a manager's approval. */
  QUOTE_APPROVAL_DISCOUNT_PERCENT: decimalText('15'),
  /** A quote whose total is above this amount (in its currency) needs a manager's approval. */
  QUOTE_APPROVAL_AMOUNT: decimalText('500000'),
  /** Time a rep has to contact a newly assigned lead, unless the rule sets its own. */
  LEAD_FIRST_CONTACT_SECONDS: envFields.positiveInt(86_400),
  /** Reps with this many open (uncontacted) leads are skipped, unless the rule sets its own. */
  LEAD_MAX_OPEN_PER_REP: envFields.positiveInt(30),
  SCHEDULER_POLL_MS: envFields.positiveInt(1_000),
  /** Data rows one import file may hold. */
  IMPORT_MAX_ROWS: envFields.positiveInt(200_000),
  /** What an XLSX upload may unzip to, in MB, all entries together (an XLSX bomb stops here). */
  IMPORT_MAX_UNCOMPRESSED_MB: envFields.positiveInt(256),
});

export const salesEnvSchema = serviceEnvSchema('sales').extend(pipelineEnvSchema.shape);

export type SalesEnv = z.infer<typeof salesEnvSchema>;

export type PipelineRules = z.infer<typeof pipelineEnvSchema>;

let rules: PipelineRules | undefined;

/** The pipeline rules in force, read from the environment once (tests may replace some). */
export function pipelineRules(): PipelineRules {
  return (rules ??= parseEnv(pipelineEnvSchema));
}

export function usePipelineRules(changes: Partial<PipelineRules>): void {
  rules = { ...pipelineRules(), ...changes };
}
