import { can } from '@crm/auth';
import { countAuditRecords, findAuditRecords, type AuditFilter } from '@crm/database';
import type { DataSource } from 'typeorm';
import { decodeCursor, pageSize, toConnection, type PageArgs } from './connection';
import type { BaseContext } from './context';
import { forbidden } from './errors';
import { requireIds } from './ids';

type AuditFields = 'entityType' | 'entityId' | 'actorId' | 'action';

export interface AuditLogArgs extends PageArgs {
  filter?: { [K in AuditFields]?: AuditFilter[K] | null } | null;
}

/** The `<service>AuditLog` query: a service's audit records, newest first, for ADMINs. */
export function auditLogResolver<C extends BaseContext>(dataSourceOf: (context: C) => DataSource) {
  return async (_parent: unknown, args: AuditLogArgs, context: C) => {
    if (!can(context.viewer, 'audit.read')) throw forbidden('only an ADMIN can read the audit log');
    requireIds({ 'filter.actorId': args.filter?.actorId });
    const first = pageSize(args);
    const cursor = decodeCursor(args.after);
    const { entityType, entityId, actorId, action } = args.filter ?? {};
    const filter = {
      entityType: entityType ?? undefined,
      entityId: entityId ?? undefined,
      actorId: actorId ?? undefined,
      action: action ?? undefined,
    };
    const tx = dataSourceOf(context).manager;
    const [rows, total] = await Promise.all([
      findAuditRecords(tx, {
        ...filter,
        beforeId: typeof cursor?.[0] === 'string' ? cursor[0] : undefined,
        limit: first + 1,
      }),
      countAuditRecords(tx, filter),
    ]);
    const entries = rows.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      at: r.at,
    }));
    return toConnection(entries, first, total, (e) => [e.id]);
  };
}
