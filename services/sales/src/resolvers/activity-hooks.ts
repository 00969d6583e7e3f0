import type { ActivityHook } from '../domain/followups/log-activity';

/** What else happens when an activity is logged (the lead hand-off adds its first contact). */
export const activityHooks: ActivityHook[] = [];
