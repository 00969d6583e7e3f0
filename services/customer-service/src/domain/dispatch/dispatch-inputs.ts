import { z } from 'zod';
import { skill } from '../ticket-inputs';

const skills = z
  .array(skill)
  .nullish()
  .transform((v) => [...new Set((v ?? []).filter((s): s is string => !!s))].sort());

export const saveAgentProfileInput = z.object({
  employeeId: z.uuid('is not a valid id'),
  capacity: z.number().int().min(0, 'must be 0 or more').max(1000, 'must be at most 1000'),
  languages: skills,
  productLines: skills,
  regions: skills,
  onDuty: z.boolean().default(true),
});

export const setTeamDispatchInput = z.object({
  teamId: z.uuid('is not a valid id'),
  strategy: z.enum(['ROUND_ROBIN', 'LEAST_LOAD']),
});
