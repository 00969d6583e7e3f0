import { recordAudit } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { findAgentProfiles, saveAgentProfile as store, type AgentProfile } from '../../db/agents';
import { findDirectoryEntry } from '../../db/directory';
import { deskConfigWrite } from '../ticket-use-case';
import { saveAgentProfileInput } from './dispatch-inputs';

/** Sets an agent's capacity, skills and duty; the agent must be an active SERVICE_AGENT. */
export const saveAgentProfile = deskConfigWrite(
  saveAgentProfileInput,
  "only a SERVICE_MANAGER or an ADMIN can set agents' dispatch profiles",
  async (tx, input, viewer): Promise<AgentProfile> => {
    const employee = await findDirectoryEntry(tx, input.employeeId);
    if (!employee?.active || !employee.roles.includes('SERVICE_AGENT')) {
      throw new UserErrors([
        userError(
          'employeeId',
          'NOT_FOUND',
          `employeeId: no active SERVICE_AGENT ${input.employeeId}`,
        ),
      ]);
    }
    const [before] = await findAgentProfiles(tx, [input.employeeId]);
    const profile = await store(tx, input);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'agent_profile.save',
      entityType: 'AgentProfile',
      entityId: profile.employeeId,
      before: before ?? null,
      after: profile,
    });
    return profile;
  },
);
