import type { Viewer } from '@crm/auth';
import { newId, recordAudit } from '@crm/database';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { listStages, lockStages, upsertStage, type Stage } from '../../db/stages';
import { fail, mutationUseCase } from './use-case';

const stageInput = z.object({
  id: z.uuid('is not a valid id').nullish(),
  key: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be letters, digits and _ (e.g. DEMO_DONE)'),
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  probability: z.number().int().min(0, 'must be 0-100').max(100, 'must be 0-100'),
  closedWon: z.boolean().default(false),
  closedLost: z.boolean().default(false),
});

export const configureStagesInput = z
  .object({ stages: z.array(stageInput).min(3, 'needs open, won and lost stages').max(20) })
  .superRefine(({ stages }, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path: ['stages', ...path], message });
    const seen = new Set<string>();
    stages.forEach((s, i) => {
      if (seen.has(s.key)) issue([i, 'key'], `"${s.key}" appears twice`);
      seen.add(s.key);
      if (s.closedWon && s.closedLost) issue([i], 'a stage cannot be both won and lost');
    });
    if (stages.filter((s) => s.closedWon).length !== 1) issue([], 'needs exactly one won stage');
    if (stages.filter((s) => s.closedLost).length !== 1) issue([], 'needs exactly one lost stage');
    if (!stages.some((s) => !s.closedWon && !s.closedLost)) issue([], 'needs an open stage');
  });

/**
 * Replaces the pipeline: the stages given, in the order given, become the active ones (matched
 * to existing stages by id, else by key); stages left out are retired, never deleted, because
 * opportunities and their history still point at them.
 */
export function configureStages(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Stage[]>> {
  const guard = {
    permission: 'pipeline.configure',
    denied: 'only an ADMIN can change the stages',
  } as const;
  return mutationUseCase(
    dataSource,
    viewer,
    guard,
    configureStagesInput,
    raw,
    async (tx, input) => {
      await lockStages(tx);
      const before = await listStages(tx);
      const kept = new Set<string>();
      const { stages } = input;
      for (const [i, s] of stages.entries()) {
        const existing =
          before.find((b) => s.id && b.id === s.id) ?? before.find((b) => b.key === s.key);
        if (s.id && !existing)
          fail(`stages.${i}.id`, 'NOT_FOUND', `stages.${i}.id: no stage ${s.id}`);
        const id = existing?.id ?? newId();
        kept.add(id);
        await upsertStage(tx, {
          id,
          key: existing?.key ?? s.key,
          name: s.name,
          position: i + 1,
          probability: s.probability,
          closedWon: s.closedWon,
          closedLost: s.closedLost,
          active: true,
        });
      }
      for (const old of before.filter((b) => !kept.has(b.id) && b.active))
        await upsertStage(tx, { ...old, position: stages.length + old.position, active: false });
      const after = await listStages(tx);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'pipeline.configure',
        entityType: 'Pipeline',
        entityId: 'stages',
        before,
        after,
      });
      return after;
    },
  );
}
