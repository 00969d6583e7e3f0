import type { ActivityHook } from '../domain/followups/log-activity';
import { leadContactHook } from '../domain/leads/contact-lead';

/** What else happens when an activity is logged: an activity with leadId is the lead's first contact. */
export const activityHooks: ActivityHook[] = [leadContactHook];
