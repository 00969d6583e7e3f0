import { likeLiteral, rows, Where, type Tx } from '@crm/database';

export const ideaStatuses = [
  'NEW',
  'UNDER_REVIEW',
  'PLANNED',
  'IN_PROGRESS',
  'SHIPPED',
  'DECLINED',
  'DUPLICATE',
] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];

/** RICE: reach (people per quarter), impact (0.25-3), confidence (%), effort (person-months). */
export interface Rice {
  reach: number;
  impact: string;
  confidence: number;
  effort: string;
  /** reach × impact × confidence% ÷ effort, exact (rounded to 2 places). */
  score: string;
}

export interface Idea {
  id: string;
  title: string;
  description: string | null;
  status: IdeaStatus;
  /** Why it has this status (shown to staff), e.g. why it was declined. */
  statusReason: string | null;
  /** The idea this one was merged into (status DUPLICATE). */
  duplicateOf: string | null;
  rice: Rice | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

interface IdeaRow {
  id: string;
  title: string;
  description: string | null;
  status: IdeaStatus;
  status_reason: string | null;
  duplicate_of: string | null;
  rice_reach: number | null;
  rice_impact: string | null;
  rice_confidence: number | null;
  rice_effort: string | null;
  rice_score: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const COLUMNS = `i.id, i.title, i.description, i.status, i.status_reason, i.duplicate_of,
  i.rice_reach, i.rice_impact::text, i.rice_confidence, i.rice_effort::text,
  round(i.rice_reach * i.rice_impact * i.rice_confidence / 100 / i.rice_effort, 2)::text AS rice_score,
  i.created_by, i.created_at, i.updated_at, i.version`;

function toIdea(r: IdeaRow): Idea {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status,
    statusReason: r.status_reason,
    duplicateOf: r.duplicate_of,
    rice:
      r.rice_reach === null
        ? null
        : {
            reach: r.rice_reach,
            impact: r.rice_impact!,
            confidence: r.rice_confidence!,
            effort: r.rice_effort!,
            score: r.rice_score!,
          },
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export async function findIdeasByIds(tx: Tx, ids: readonly string[]): Promise<Idea[]> {
  const found = await rows<IdeaRow>(
    tx,
    `SELECT ${COLUMNS} FROM ideas i WHERE i.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toIdea);
}

/** The idea, locked for the rest of the transaction (changes to one idea queue up). */
export async function lockIdea(tx: Tx, id: string): Promise<Idea | null> {
  const found = await rows<IdeaRow>(
    tx,
    `SELECT ${COLUMNS} FROM ideas i WHERE i.id = $1 FOR UPDATE`,
    [id],
  );
  return found[0] ? toIdea(found[0]) : null;
}

export async function insertIdea(
  tx: Tx,
  idea: Pick<Idea, 'id' | 'title' | 'description' | 'createdBy'>,
): Promise<Idea> {
  const found = await rows<IdeaRow>(
    tx,
    `INSERT INTO ideas AS i (id, title, description, status, created_by)
     VALUES ($1, $2, $3, 'NEW', $4) RETURNING ${COLUMNS}`,
    [idea.id, idea.title, idea.description, idea.createdBy],
  );
  return toIdea(found[0]);
}

export async function saveIdeaStatus(
  tx: Tx,
  id: string,
  change: { status: IdeaStatus; reason: string | null; duplicateOf?: string | null },
): Promise<Idea> {
  const found = await rows<IdeaRow>(
    tx,
    `UPDATE ideas i SET status = $2, status_reason = $3, duplicate_of = $4,
       version = version + 1, updated_at = now()
     WHERE i.id = $1 RETURNING ${COLUMNS}`,
    [id, change.status, change.reason, change.duplicateOf ?? null],
  );
  return toIdea(found[0]);
}

export interface IdeaFilter {
  status?: readonly IdeaStatus[] | null;
  /** Part of the title. */
  search?: string | null;
}

/** Keyset page over (created_at, id), newest first. */
export async function listIdeas(
  tx: Tx,
  filter: IdeaFilter,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: Idea[]; total: number }> {
  const where = new Where();
  if (filter.status?.length) where.add('i.status = ANY(?::text[])', filter.status);
  if (filter.search) where.add("i.title ILIKE '%' || ? || '%'", likeLiteral(filter.search.trim()));
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM ideas i ${where.sql()}`,
    where.params,
  );
  const paged = where.clone();
  if (page.after)
    paged.add('(i.created_at, i.id) < (?::timestamptz, ?::uuid)', page.after[0], page.after[1]);
  const limit = paged.param(page.limit + 1);
  const found = await rows<IdeaRow>(
    tx,
    `SELECT ${COLUMNS} FROM ideas i ${paged.sql()}
     ORDER BY i.created_at DESC, i.id DESC LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found.map(toIdea), total };
}

export async function saveIdeaRice(
  tx: Tx,
  id: string,
  rice: Omit<Rice, 'score'> | null,
): Promise<Idea> {
  const found = await rows<IdeaRow>(
    tx,
    `UPDATE ideas i SET rice_reach = $2, rice_impact = $3::numeric, rice_confidence = $4,
       rice_effort = $5::numeric, version = version + 1, updated_at = now()
     WHERE i.id = $1 RETURNING ${COLUMNS}`,
    [id, rice?.reach ?? null, rice?.impact ?? null, rice?.confidence ?? null, rice?.effort ?? null],
  );
  return toIdea(found[0]);
}
