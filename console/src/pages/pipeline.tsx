import { useState, type DragEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../__generated__/gql';
import { Forecast } from '../lib/forecast';
import { formatDay, formatMoney } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useMe } from '../lib/me';
import { failureOf, PartialNotice } from '../lib/problems';

const PipelineQuery = graphql(`
  query Pipeline {
    pipelineStages {
      id
      key
      name
      probability
      active
      closedWon
      closedLost
    }
    opportunities(first: 100, orderBy: { field: EXPECTED_CLOSE_DATE, direction: ASC }) {
      totalCount
      nodes {
        id
        name
        status
        expectedCloseDate
        amount {
          amount
          currency
        }
        weightedAmount {
          amount
          currency
        }
        stage {
          id
        }
        customer {
          id
          name
        }
        owner {
          name
        }
      }
    }
  }
`);

const MoveStage = graphql(`
  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {
    moveOpportunityStage(input: $input) {
      opportunity {
        id
        status
        probability
        stage {
          id
          name
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export default function Pipeline() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [{ data, error, fetching }, refetch] = useQuery({ query: PipelineQuery });
  const [, move] = useMutation(MoveStage);
  // per opportunity: the server's refusal, or the confirmation of the move
  const [notes, setNotes] = useState<Record<string, { error?: string; ok?: string }>>({});
  const [dragging, setDragging] = useState<string | null>(null);
  // counts the moves made here: the forecast below sums these deals and reloads after each
  const [moves, setMoves] = useState(0);

  if (fetching && !data) return <p>{t('common.loading')}</p>;
  const stages = (data?.pipelineStages ?? []).filter((s) => s.active);
  const deals = data?.opportunities.nodes ?? [];

  const moveTo = async (deal: { id: string; name: string }, stageId: string, reason?: string) => {
    const stage = stages.find((s) => s.id === stageId);
    const answer = await move({ input: { id: deal.id, stageId, reason: reason || null } });
    const failure = failureOf(answer.data?.moveOpportunityStage.userErrors, answer.error);
    setNotes((all) => ({
      ...all,
      [deal.id]: failure
        ? { error: failure }
        : { ok: t('pipeline.moved', { name: deal.name, stage: stage?.name ?? '' }) },
    }));
    if (failure) return;
    refetch({ requestPolicy: 'network-only' });
    setMoves((n) => n + 1);
  };
  const onDrop = (event: DragEvent, stageId: string) => {
    event.preventDefault();
    const deal = deals.find((d) => d.id === event.dataTransfer.getData('text/plain'));
    setDragging(null);
    if (deal && deal.stage.id !== stageId) void moveTo(deal, stageId);
  };

  return (
    <>
      <h1>{t('pipeline.title')}</h1>
      <p className="muted">{t('pipeline.drag')}</p>
      <PartialNotice error={error} />
      <div className="kanban">
        {stages.map((stage) => {
          const inStage = deals.filter((d) => d.stage.id === stage.id);
          return (
            <section
              key={stage.id}
              className={`column${dragging ? ' droppable' : ''}`}
              aria-labelledby={`stage-${stage.id}`}
              onDragOver={(ev) => ev.preventDefault()}
              onDrop={(ev) => onDrop(ev, stage.id)}
            >
              <h2 id={`stage-${stage.id}`}>
                {stage.name} <small>({stage.probability}%)</small>
              </h2>
              {inStage.length === 0 && <p className="muted">{t('pipeline.empty')}</p>}
              {inStage.map((deal) => (
                <article
                  key={deal.id}
                  className="deal"
                  draggable={deal.status === 'OPEN'}
                  onDragStart={(ev) => {
                    ev.dataTransfer.setData('text/plain', deal.id);
                    setDragging(deal.id);
                  }}
                  onDragEnd={() => setDragging(null)}
                  aria-label={deal.name}
                >
                  <h3>{deal.name}</h3>
                  <p>
                    {deal.customer ? (
                      <Link to={`/customers/${deal.customer.id}`}>{deal.customer.name}</Link>
                    ) : (
                      '—'
                    )}
                  </p>
                  <p>
                    {formatMoney(deal.amount, locale)} · {formatDay(deal.expectedCloseDate, locale)}
                  </p>
                  {deal.owner.name !== me.name && <p className="muted">{deal.owner.name}</p>}
                  {deal.status === 'OPEN' && (
                    <MoveControl deal={deal} stages={stages} onMove={moveTo} />
                  )}
                  {notes[deal.id]?.error && (
                    <p className="field-error" role="alert">
                      {notes[deal.id]!.error}
                    </p>
                  )}
                  {notes[deal.id]?.ok && <p role="status">{notes[deal.id]!.ok}</p>}
                </article>
              ))}
            </section>
          );
        })}
      </div>
      <Forecast title={t('pipeline.forecast')} revision={moves} />
    </>
  );
}

/** The keyboard (and touch) way to move a card: pick a stage, give a reason for lost. */
function MoveControl({
  deal,
  stages,
  onMove,
}: {
  deal: { id: string; name: string; stage: { id: string } };
  stages: { id: string; name: string; closedLost: boolean }[];
  onMove: (deal: { id: string; name: string }, stageId: string, reason?: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const lost = stages.find((s) => s.id === target)?.closedLost;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target) void onMove(deal, target, reason);
  };
  return (
    <form className="move" onSubmit={submit}>
      <label htmlFor={`move-${deal.id}`} className="sr-only">
        {t('pipeline.moveTo', { name: deal.name })}
      </label>
      <select id={`move-${deal.id}`} value={target} onChange={(ev) => setTarget(ev.target.value)}>
        <option value="">{t('pipeline.moveTo', { name: '' })}…</option>
        {stages
          .filter((s) => s.id !== deal.stage.id)
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
      </select>
      {lost && (
        <input
          aria-label={t('pipeline.reason')}
          placeholder={t('pipeline.reason')}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
        />
      )}
      <button type="submit" disabled={!target}>
        {t('pipeline.move')}
      </button>
    </form>
  );
}
