import { can, type Permission, type Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { forbidden, parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';

export type WriteUseCase<T> = (
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
) => Promise<Result<T>>;

/**
 * A write use case in its frame: `permission` (else FORBIDDEN with `refusal`), the input as the
 * client sent it validated per field, then `work` in one transaction (UserErrors thrown inside
 * roll it back and answer the mutation).
 */
function writeUseCase(permission: Permission) {
  return <S extends z.ZodType, T>(
      schema: S,
      refusal: string,
      work: (tx: Tx, input: z.infer<S>, viewer: Viewer) => Promise<T>,
    ): WriteUseCase<T> =>
    async (dataSource, viewer, raw) => {
      if (!can(viewer, permission)) throw forbidden(refusal);
      const parsed = parseInput(schema, raw);
      if (!parsed.ok) return parsed;
      return transactionally(dataSource, (tx) => work(tx, parsed.value, viewer));
    };
}

/** Changes to tickets (SERVICE_AGENT, SERVICE_MANAGER, ADMIN). */
export const ticketWrite = writeUseCase('tickets.write');

/** Changes to the desk's setup: SLA policies, calendars, dispatch (SERVICE_MANAGER, ADMIN). */
export const deskConfigWrite = writeUseCase('desk.configure');
