import { can, type Viewer } from '@crm/auth';
import { requireVisibleCustomer } from '@crm/customer-replica';
import { forbidden, parseInput, transactionally, type Result } from '@crm/subgraph';
import type { Tx } from '@crm/database';
import type { DataSource } from 'typeorm';
import { deleteVote, lockVote, saveVote } from '../db/idea-votes';
import type { Idea } from '../db/ideas';
import { auditIdea } from './idea-audit';
import { requireOpenIdea } from './idea-lookup';
import { voteForIdeaInput, withdrawVoteInput } from './vote-inputs';

/** Votes are cast for customers by those who may record their feedback (same scope). */
function requireVoter(viewer: Viewer): void {
  if (!can(viewer, 'feedback.write')) throw forbidden('your roles cannot vote for customers');
}

const voteView = (v: { importance: string; votedBy: string } | null) =>
  v && { importance: v.importance, votedBy: v.votedBy };

type VoteWork<I> = (tx: Tx, idea: Idea, input: I) => Promise<void>;

/** A change to a customer's vote on an open idea, the customer in the voter's scope. */
async function changeVote<I extends { ideaId: string; customerId: string }>(
  dataSource: DataSource,
  viewer: Viewer,
  parsed: Result<I>,
  work: VoteWork<I>,
): Promise<Result<Idea>> {
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const idea = await requireOpenIdea(tx, 'ideaId', input.ideaId);
    await requireVisibleCustomer(tx, viewer, 'feedback.write', input.customerId);
    await work(tx, idea, input);
    return idea;
  });
}

/**
 * Records how much a customer wants an idea. One vote per customer per idea: voting again
 * changes the importance.
 */
export function voteForIdea(dataSource: DataSource, viewer: Viewer, raw: unknown) {
  requireVoter(viewer);
  return changeVote(
    dataSource,
    viewer,
    parseInput(voteForIdeaInput, raw),
    async (tx, idea, input) => {
      const before = await lockVote(tx, idea.id, input.customerId);
      const after = await saveVote(tx, { ...input, votedBy: viewer.id });
      await auditIdea(tx, viewer.id, before ? 'idea.change_vote' : 'idea.vote', {
        ideaId: idea.id,
        before: before ? { customerId: before.customerId, ...voteView(before) } : undefined,
        after: { customerId: after.customerId, ...voteView(after) },
      });
    },
  );
}

/** Takes a customer's vote back (nothing happens when there is none). */
export function withdrawVote(dataSource: DataSource, viewer: Viewer, raw: unknown) {
  requireVoter(viewer);
  return changeVote(
    dataSource,
    viewer,
    parseInput(withdrawVoteInput, raw),
    async (tx, idea, input) => {
      const before = await lockVote(tx, idea.id, input.customerId);
      if (!before) return;
      await deleteVote(tx, idea.id, input.customerId);
      await auditIdea(tx, viewer.id, 'idea.withdraw_vote', {
        ideaId: idea.id,
        before: { customerId: before.customerId, ...voteView(before) },
      });
    },
  );
}
