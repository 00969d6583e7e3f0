import { ROLES } from '@crm/auth';
import { idField as id } from '@crm/subgraph';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './passwords';

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
const email = z.string().trim().toLowerCase().pipe(z.email('is not a valid email address'));
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`);
const roles = z.array(z.enum(ROLES)).min(1, 'needs at least one role');

export const createEmployeeInput = z.object({
  name,
  email,
  password,
  roles,
  teamId: id.nullish(),
});

export const updateEmployeeInput = z.object({
  id,
  name: name.optional(),
  email: email.optional(),
  password: password.optional(),
  roles: roles.optional(),
  teamId: id.nullish(),
});

export const deactivateEmployeeInput = z.object({ id });

export const createTeamInput = z.object({ name, managerId: id.nullish() });
export const updateTeamInput = z.object({ id, name: name.optional(), managerId: id.nullish() });
