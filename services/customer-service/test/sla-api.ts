import type { Harness } from './harness';
import { mutation } from './ticket-api';

export const SAVE_POLICY = `mutation($input: SaveSlaPolicyInput!) {
  saveSlaPolicy(input: $input) {
    policy { id name position tiers priorities calendar { id } firstResponseMinutes nextResponseMinutes resolutionMinutes warningPercent }
    userErrors { field code message }
  }
}`;

export const SAVE_CALENDAR = `mutation($input: SaveBusinessCalendarInput!) {
  saveBusinessCalendar(input: $input) {
    calendar { id name timeZone hours { weekday start end } holidays }
    userErrors { field code message }
  }
}`;

/** Forgets every SLA policy (tickets keep none), so a test's policies are the only ones tried. */
export async function withoutPolicies(h: Harness): Promise<void> {
  await h.dataSource.query('DELETE FROM ticket_sla_clocks');
  await h.dataSource.query('UPDATE tickets SET sla_policy_id = NULL');
  await h.dataSource.query('DELETE FROM sla_policies');
}

/** Saves a policy through the API (as `token`) and returns its id. */
export async function aPolicy(
  h: Harness,
  token: string,
  input: Record<string, unknown>,
): Promise<string> {
  const result = await mutation<{ policy: { id: string } | null }>(
    h,
    'saveSlaPolicy',
    SAVE_POLICY,
    token,
    input,
  );
  expect(result.userErrors).toEqual([]);
  return result.policy!.id;
}
