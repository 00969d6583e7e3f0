import { auditLogResolver, payload, viewerOf } from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ProductFeedbackContext as Ctx } from '../context';
import type { Viewer } from '@crm/auth';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { changeFeedbackStatus } from '../domain/change-feedback-status';
import { changeIdeaStatus } from '../domain/change-idea-status';
import { createIdea } from '../domain/create-idea';
import { linkFeedbackToIdea, unlinkFeedbackFromIdea } from '../domain/link-feedback';
import { mergeIdeas } from '../domain/merge-ideas';
import { recordFeedback } from '../domain/record-feedback';
import { setIdeaRice } from '../domain/set-idea-rice';
import { setRankingWeights } from '../domain/set-ranking-weights';
import { voteForIdea, withdrawVote } from '../domain/vote-for-idea';
import { customerResolvers } from './customer';
import { feedbackItemResolvers, feedbackItemsConnection, visibleFeedbackItem } from './feedback';
import {
  changelogConnection,
  changelogEntryResolvers,
  ideaById,
  ideaResolvers,
  ideasConnection,
  ideaVoteResolvers,
} from './idea';
import {
  customerScoreResolvers,
  lostDealResolvers,
  ideaRanking,
  rankedIdeaResolvers,
  rankingWeights,
} from './ranking';

type UseCase<I, T> = (dataSource: DataSource, viewer: Viewer, input: I) => Promise<Result<T>>;

/** A mutation resolver: runs the use case with the request's viewer, answers `{ <key>, userErrors }`. */
function mutation<K extends string, I, T>(key: K, useCase: UseCase<I, T>) {
  return async (_: unknown, { input }: { input: I }, ctx: Ctx) =>
    payload(key, await useCase(ctx.dataSource, viewerOf(ctx), input));
}

export const resolvers: Resolvers = {
  Query: {
    feedbackItem: (_, { id }, ctx) => visibleFeedbackItem(id, ctx),
    feedbackItems: (_, args, ctx) => feedbackItemsConnection(args, ctx),
    idea: (_, { id }, ctx) => ideaById(id, ctx),
    ideas: (_, args, ctx) => ideasConnection(args, ctx),
    changelog: (_, args, ctx) => changelogConnection(args, ctx),
    ideaRanking: (_, args, ctx) => ideaRanking(args, ctx),
    ideaRankingWeights: (_, __, ctx) => rankingWeights(ctx),
    productFeedbackAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    recordFeedback: mutation('feedbackItem', recordFeedback),
    changeFeedbackStatus: mutation('feedbackItem', changeFeedbackStatus),
    createIdea: mutation('idea', createIdea),
    changeIdeaStatus: mutation('idea', changeIdeaStatus),
    linkFeedbackToIdea: mutation('idea', linkFeedbackToIdea),
    unlinkFeedbackFromIdea: mutation('idea', unlinkFeedbackFromIdea),
    mergeIdeas: mutation('idea', mergeIdeas),
    setIdeaRice: mutation('idea', setIdeaRice),
    voteForIdea: mutation('idea', voteForIdea),
    withdrawVote: mutation('idea', withdrawVote),
    setIdeaRankingWeights: mutation('weights', setRankingWeights),
  },
  FeedbackItem: feedbackItemResolvers,
  Idea: ideaResolvers,
  IdeaVote: ideaVoteResolvers,
  ChangelogEntry: changelogEntryResolvers,
  RankedIdea: rankedIdeaResolvers,
  IdeaCustomerScore: customerScoreResolvers,
  IdeaLostDeal: lostDealResolvers,
  Customer: customerResolvers,
};
