import { auditLogResolver, payload, viewerOf } from '@crm/subgraph';
import type { ProductFeedbackContext as Ctx } from '../context';
import { changeFeedbackStatus } from '../domain/change-feedback-status';
import type { ChangeFeedbackStatusInput, RecordFeedbackInput } from '../domain/feedback-inputs';
import { recordFeedback } from '../domain/record-feedback';
import { customerResolvers } from './customer';
import {
  feedbackItemResolvers,
  feedbackItemsConnection,
  visibleFeedbackItem,
  type FeedbackItemsArgs,
} from './feedback';

type Input<T> = { input: T };

export const resolvers = {
  Query: {
    feedbackItem: (_: unknown, { id }: { id: string }, ctx: Ctx) => visibleFeedbackItem(id, ctx),
    feedbackItems: (_: unknown, args: FeedbackItemsArgs, ctx: Ctx) =>
      feedbackItemsConnection(args, ctx),
    productFeedbackAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    recordFeedback: async (_: unknown, { input }: Input<RecordFeedbackInput>, ctx: Ctx) =>
      payload('feedbackItem', await recordFeedback(ctx.dataSource, viewerOf(ctx), input)),
    changeFeedbackStatus: async (
      _: unknown,
      { input }: Input<ChangeFeedbackStatusInput>,
      ctx: Ctx,
    ) => payload('feedbackItem', await changeFeedbackStatus(ctx.dataSource, viewerOf(ctx), input)),
  },
  FeedbackItem: feedbackItemResolvers,
  Customer: customerResolvers,
};
