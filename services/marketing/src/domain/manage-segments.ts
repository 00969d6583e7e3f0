import { type Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { campaignChannels } from '@crm/events';
import {
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type InputOf,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { idField, requiredName } from './input-fields';
import { leadStatuses } from '../db/leads';
import {
  deleteSegmentRow,
  findSegment,
  insertSegment,
  saveSegment,
  segmentNameTaken,
  type Segment,
} from '../db/segments';
import { tagsField } from './lead-inputs';
import { mayWriteMarketing, notFound } from './guards';

const score = z.number().int('must be a whole number');
const list = <T extends z.ZodType>(item: T) => z.array(item).max(50, 'at most 50 values').nullish();

const segmentFilter = z
  .object({
    tags: tagsField.nullish(),
    minScore: score.nullish(),
    maxScore: score.nullish(),
    statuses: list(z.enum(leadStatuses)),
    regions: list(z.string().trim().min(1, 'must not be empty').max(100)),
    campaignIds: list(idField),
    channels: list(z.enum(campaignChannels)),
  })
  .refine((f) => f.minScore == null || f.maxScore == null || f.minScore <= f.maxScore, {
    path: ['maxScore'],
    message: 'must not be below minScore',
  });

const name = requiredName(100);
const description = z.string().trim().max(1000, 'must be at most 1000 characters').nullish();

export const createSegmentInput = z.object({ name, description, filter: segmentFilter });
export const updateSegmentInput = z.object({
  id: idField,
  name: name.optional(),
  description,
  filter: segmentFilter.optional(),
});
export const deleteSegmentInput = z.object({ id: idField });

type Filter = z.output<typeof segmentFilter>;

const rulesOf = (f: Filter) => ({
  tags: f.tags ?? [],
  minScore: f.minScore ?? null,
  maxScore: f.maxScore ?? null,
  statuses: [...new Set(f.statuses ?? [])],
  regions: [...new Set(f.regions ?? [])],
  campaignIds: [...new Set(f.campaignIds ?? [])],
  channels: [...new Set(f.channels ?? [])],
});

const mayManage = (viewer: Viewer) => mayWriteMarketing(viewer, 'manage segments');

async function refuseTakenName(tx: Tx, segmentName: string, exceptId?: string): Promise<void> {
  if (await segmentNameTaken(tx, segmentName, exceptId)) {
    throw new UserErrors([
      userError('name', 'DUPLICATE', `name: a segment called "${segmentName}" already exists`),
    ]);
  }
}

async function lockedSegment(tx: Tx, id: string): Promise<Segment> {
  const segment = await findSegment(tx, id, true);
  if (!segment) throw notFound('id', 'segment', id);
  return segment;
}

/** Saves a rule-based segment: its leads are whoever matches the rules when it is read. */
export async function createSegment(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof createSegmentInput>,
): Promise<Result<Segment>> {
  mayManage(viewer);
  const parsed = parseInput(createSegmentInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    await refuseTakenName(tx, input.name);
    const segment = await insertSegment(tx, {
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      ...rulesOf(input.filter),
      createdBy: viewer.id,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'segment.create',
      entityType: 'Segment',
      entityId: segment.id,
      after: segment,
    });
    return segment;
  });
}

/** Renames a segment or replaces its rules (a new `filter` replaces the whole filter). */
export async function updateSegment(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof updateSegmentInput>,
): Promise<Result<Segment>> {
  mayManage(viewer);
  const parsed = parseInput(updateSegmentInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await lockedSegment(tx, input.id);
    if (input.name && input.name.toLowerCase() !== before.name.toLowerCase())
      await refuseTakenName(tx, input.name, before.id);
    const segment = await saveSegment(tx, {
      ...before,
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      ...(input.filter ? rulesOf(input.filter) : {}),
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'segment.update',
      entityType: 'Segment',
      entityId: segment.id,
      before,
      after: segment,
    });
    return segment;
  });
}

export async function deleteSegment(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof deleteSegmentInput>,
): Promise<Result<string>> {
  mayManage(viewer);
  const parsed = parseInput(deleteSegmentInput, raw);
  if (!parsed.ok) return parsed;
  return transactionally(dataSource, async (tx) => {
    const before = await lockedSegment(tx, parsed.value.id);
    await deleteSegmentRow(tx, before.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'segment.delete',
      entityType: 'Segment',
      entityId: before.id,
      before,
    });
    return before.id;
  });
}
