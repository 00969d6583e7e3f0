import { rows, type Tx } from '@crm/database';
import type { Importance } from './idea-votes';
import type { IdeaStatus } from './ideas';

/** What one requesting customer adds to an idea's score, and why. */
export interface CustomerContribution {
  ideaId: string;
  customerId: string;
  /** The customer's vote, or NICE_TO_HAVE for a customer who only gave feedback. */
  importance: Importance;
  voted: boolean;
  feedbackCount: number;
  wonRevenue: string;
  openPipeline: string;
  score: string;
}

/** A deal lost for want of the idea: its opportunity-origin feedback is linked to the idea. */
export interface LostDeal {
  opportunityId: string;
  /** The lost-deal feedback that links it to the idea. */
  feedbackId: string;
  customerId: string;
  amount: string;
  currency: string;
}

export interface RankedIdeaRow {
  ideaId: string;
  rank: number;
  score: string;
  customerCount: number;
  wonRevenue: string;
  openPipeline: string;
  customers: CustomerContribution[];
  /** Deals lost citing it, largest first (every currency). */
  lostDeals: LostDeal[];
  /** Their sum in the ranking's currency. */
  lostRevenue: string;
}

/**
 * The top ideas by score, each with its per-customer explanation, in one statement. Everything is
 * numeric (exact); money counts only in the given currency. A requesting customer is one with
 * linked feedback or a vote, counted once per idea.
 */
export async function rankIdeas(
  tx: Tx,
  args: { statuses: readonly IdeaStatus[]; currency: string; limit: number },
): Promise<RankedIdeaRow[]> {
  const found = await rows<{
    idea_id: string;
    rank: string;
    idea_score: string;
    customer_count: number;
    idea_won: string;
    idea_pipeline: string;
    lost_deals: LostDeal[];
    lost_revenue: string;
    customer_id: string | null;
    importance: Importance | null;
    voted: boolean | null;
    feedback_count: number | null;
    won: string | null;
    pipeline: string | null;
    score: string | null;
  }>(
    tx,
    `WITH w AS (SELECT * FROM idea_ranking_weights),
     candidates AS (SELECT id, created_at FROM ideas WHERE status = ANY($1::text[])),
     asked AS (
       SELECT l.idea_id, f.customer_id, count(*)::int AS feedback_count
       FROM idea_feedback l JOIN candidates c ON c.id = l.idea_id
       JOIN feedback_items f ON f.id = l.feedback_id
       GROUP BY l.idea_id, f.customer_id
     ),
     voted AS (
       SELECT v.idea_id, v.customer_id, v.importance FROM idea_votes v
       JOIN candidates c ON c.id = v.idea_id
     ),
     requesters AS (
       SELECT coalesce(a.idea_id, v.idea_id) AS idea_id,
              coalesce(a.customer_id, v.customer_id) AS customer_id,
              coalesce(a.feedback_count, 0) AS feedback_count,
              coalesce(v.importance, 'NICE_TO_HAVE') AS importance,
              v.importance IS NOT NULL AS voted
       FROM asked a FULL JOIN voted v ON v.idea_id = a.idea_id AND v.customer_id = a.customer_id
     ),
     money AS (
       SELECT o.customer_id,
              coalesce(sum(o.amount) FILTER (WHERE o.state = 'WON'), 0) AS won,
              coalesce(sum(o.amount) FILTER (WHERE o.state = 'OPEN'), 0) AS pipeline
       FROM customer_opportunities o
       WHERE o.currency = $2 AND o.state <> 'LOST'
       GROUP BY o.customer_id
     ),
     scored AS (
       SELECT r.*, coalesce(m.won, 0) AS won, coalesce(m.pipeline, 0) AS pipeline,
              (w.customer_weight + w.revenue_weight * coalesce(m.won, 0)
                 + w.pipeline_weight * coalesce(m.pipeline, 0)
                 + w.churn_risk_weight * CASE cr.churn_risk WHEN 'HIGH' THEN 1
                                                            WHEN 'MEDIUM' THEN 0.5 ELSE 0 END)
              * CASE r.importance WHEN 'CRITICAL' THEN w.critical
                                  WHEN 'IMPORTANT' THEN w.important
                                  ELSE w.nice_to_have END AS score
       FROM requesters r CROSS JOIN w LEFT JOIN money m ON m.customer_id = r.customer_id
       LEFT JOIN customer_churn_risk cr ON cr.customer_id = r.customer_id
     ),
     ideas_scored AS (
       SELECT c.id AS idea_id, c.created_at, coalesce(sum(s.score), 0) AS score,
              count(s.customer_id)::int AS customer_count,
              coalesce(sum(s.won), 0) AS won, coalesce(sum(s.pipeline), 0) AS pipeline
       FROM candidates c LEFT JOIN scored s ON s.idea_id = c.id
       GROUP BY c.id, c.created_at
     ),
     top AS (
       SELECT *, row_number() OVER (ORDER BY score DESC, created_at, idea_id) AS rank
       FROM ideas_scored ORDER BY rank LIMIT $3
     ),
     lost AS (
       SELECT l.idea_id,
              json_agg(json_build_object('opportunityId', o.opportunity_id, 'feedbackId', f.id,
                'customerId', o.customer_id, 'amount', o.amount::text, 'currency', o.currency)
                ORDER BY o.amount DESC, o.opportunity_id) AS deals,
              coalesce(sum(o.amount) FILTER (WHERE o.currency = $2), 0) AS revenue
       FROM top t JOIN idea_feedback l ON l.idea_id = t.idea_id
       JOIN feedback_items f ON f.id = l.feedback_id AND f.origin = 'OPPORTUNITY'
       JOIN customer_opportunities o ON o.opportunity_id = f.origin_id AND o.state = 'LOST'
       GROUP BY l.idea_id
     )
     SELECT t.idea_id, t.rank, trim_scale(t.score)::text AS idea_score, t.customer_count,
            t.won::text AS idea_won, t.pipeline::text AS idea_pipeline,
            coalesce(lost.deals, '[]') AS lost_deals, coalesce(lost.revenue, 0)::text AS lost_revenue,
            s.customer_id, s.importance, s.voted, s.feedback_count, s.won::text AS won,
            s.pipeline::text AS pipeline, trim_scale(s.score)::text AS score
     FROM top t LEFT JOIN scored s ON s.idea_id = t.idea_id
     LEFT JOIN lost ON lost.idea_id = t.idea_id
     ORDER BY t.rank, s.score DESC, s.customer_id`,
    [args.statuses, args.currency, args.limit],
  );
  const ranked = new Map<string, RankedIdeaRow>();
  for (const r of found) {
    let idea = ranked.get(r.idea_id);
    if (!idea) {
      idea = {
        ideaId: r.idea_id,
        rank: Number(r.rank),
        score: r.idea_score,
        customerCount: r.customer_count,
        wonRevenue: r.idea_won,
        openPipeline: r.idea_pipeline,
        customers: [],
        lostDeals: r.lost_deals,
        lostRevenue: r.lost_revenue,
      };
      ranked.set(r.idea_id, idea);
    }
    if (r.customer_id) {
      idea.customers.push({
        ideaId: r.idea_id,
        customerId: r.customer_id,
        importance: r.importance!,
        voted: r.voted!,
        feedbackCount: r.feedback_count!,
        wonRevenue: r.won!,
        openPipeline: r.pipeline!,
        score: r.score!,
      });
    }
  }
  return [...ranked.values()];
}
