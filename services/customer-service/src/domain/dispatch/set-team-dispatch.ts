import { recordAudit } from '@crm/database';
import { saveTeamStrategy, type DispatchStrategy } from '../../db/agents';
import { deskConfigWrite } from '../ticket-use-case';
import { setTeamDispatchInput } from './dispatch-inputs';

/** How a team shares its tickets: ROUND_ROBIN or LEAST_LOAD (the default). */
export const setTeamDispatch = deskConfigWrite(
  setTeamDispatchInput,
  'only a SERVICE_MANAGER or an ADMIN can set how a team is dispatched',
  async (tx, input, viewer): Promise<{ teamId: string; strategy: DispatchStrategy }> => {
    await saveTeamStrategy(tx, input.teamId, input.strategy);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'team_dispatch.set',
      entityType: 'Team',
      entityId: input.teamId,
      after: input,
    });
    return input;
  },
);
