import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { TicketMessageKind, TicketStatus } from '../__generated__/graphql';
import { graphql } from '../__generated__/gql';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useMe } from '../lib/me';
import { SelectField, TextField } from '../lib/fields';
import { byField, FormError, otherErrors, PartialNotice } from '../lib/problems';
import { SlaState } from '../lib/sla';

const TicketQuery = graphql(`
  query TicketPage($id: ID!) {
    ticket(id: $id) {
      id
      subject
      description
      priority
      status
      channel
      createdAt
      firstRespondedAt
      resolvedAt
      customer {
        id
        name
      }
      assignee {
        id
        name
      }
      messages {
        id
        kind
        body
        createdAt
        author {
          name
        }
      }
      survey {
        score
        answeredAt
      }
      sla {
        policy {
          name
        }
        firstResponse {
          dueAt
          ...SlaClockState
        }
        resolution {
          dueAt
          ...SlaClockState
        }
      }
    }
  }
`);

const AssignTicket = graphql(`
  mutation AssignTicket($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      ticket {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const AddMessage = graphql(`
  mutation AddTicketMessage($input: AddTicketMessageInput!) {
    addTicketMessage(input: $input) {
      message {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const ChangeStatus = graphql(`
  mutation ChangeTicketStatus($input: ChangeTicketStatusInput!) {
    changeTicketStatus(input: $input) {
      ticket {
        id
        status
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const STATUSES: TicketStatus[] = ['OPEN', 'PENDING', 'RESOLVED', 'CLOSED'];
const MESSAGE_KINDS: TicketMessageKind[] = ['REPLY', 'NOTE', 'CUSTOMER'];

export default function Ticket() {
  const { id = '' } = useParams();
  const { t, e, locale } = useI18n();
  const me = useMe();
  const [{ data, error, fetching }, refetch] = useQuery({ query: TicketQuery, variables: { id } });
  const [assignResult, assign] = useMutation(AssignTicket);
  const [messageResult, addMessage] = useMutation(AddMessage);
  const [statusResult, changeStatus] = useMutation(ChangeStatus);
  const [kind, setKind] = useState<TicketMessageKind>('REPLY');
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (fetching && !data) return <p>{t('common.loading')}</p>;
  const ticket = data?.ticket;
  if (!ticket)
    return (
      <>
        <PartialNotice error={error} />
        <p>{t('tickets.notFound')}</p>
      </>
    );

  const take = async () => {
    const answer = await assign({ input: { ticketId: ticket.id, assigneeId: me.id } });
    if (answer.data?.assignTicket.ticket) reload();
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await addMessage({ input: { ticketId: ticket.id, kind, body: body.trim() } });
    if (answer.data?.addTicketMessage.message) {
      setBody('');
      reload();
    }
  };
  const move = async (event: FormEvent) => {
    event.preventDefault();
    if (!status) return;
    const answer = await changeStatus({ input: { ticketId: ticket.id, status } });
    if (answer.data?.changeTicketStatus.ticket) {
      setStatus('');
      reload();
    }
  };
  const messageErrors = byField(messageResult.data?.addTicketMessage.userErrors);
  const statusErrors = byField(statusResult.data?.changeTicketStatus.userErrors);
  const assignErrors = byField(assignResult.data?.assignTicket.userErrors);

  return (
    <>
      <h1>{ticket.subject}</h1>
      <PartialNotice error={error} />
      <div className="grid">
        <section aria-labelledby="ticket-facts">
          <h2 id="ticket-facts">{t('c360.profile')}</h2>
          <dl>
            <dt>{t('common.customer')}</dt>
            <dd>
              <Link to={`/customers/${ticket.customer.id}`}>{ticket.customer.name}</Link>
            </dd>
            <dt>{t('common.status')}</dt>
            <dd>{e(ticket.status)}</dd>
            <dt>{t('tickets.priority')}</dt>
            <dd>{e(ticket.priority)}</dd>
            <dt>{t('tickets.assignee')}</dt>
            <dd>{ticket.assignee?.name ?? t('tickets.unassigned')}</dd>
            <dt>{t('tickets.sla')}</dt>
            <dd>
              {ticket.sla ? ticket.sla.policy.name : '—'} · <SlaState sla={ticket.sla} />
            </dd>
            <dt>{t('tickets.firstResponse')}</dt>
            <dd>
              {formatDateTime(
                ticket.firstRespondedAt ?? ticket.sla?.firstResponse?.dueAt ?? null,
                locale,
              )}
            </dd>
            <dt>{t('tickets.resolution')}</dt>
            <dd>
              {formatDateTime(ticket.resolvedAt ?? ticket.sla?.resolution?.dueAt ?? null, locale)}
            </dd>
            <dt>{t('tickets.csat')}</dt>
            <dd>{ticket.survey?.score != null ? `${ticket.survey.score} / 5` : '—'}</dd>
          </dl>
          {ticket.description && <p>{ticket.description}</p>}
          {ticket.assignee?.id !== me.id && (
            <button type="button" onClick={take} disabled={assignResult.fetching}>
              {t('tickets.take')}
            </button>
          )}
          <FormError message={otherErrors(assignErrors, []) ?? assignResult.error?.message} />
          <form className="inline" onSubmit={move}>
            <label htmlFor="ticket-status">{t('tickets.changeStatus')}</label>
            <select
              id="ticket-status"
              value={status}
              onChange={(ev) => setStatus(ev.target.value as TicketStatus | '')}
            >
              <option value="">—</option>
              {STATUSES.filter((s) => s !== ticket.status).map((s) => (
                <option key={s} value={s}>
                  {e(s)}
                </option>
              ))}
            </select>
            <button type="submit" disabled={!status || statusResult.fetching}>
              {t('common.save')}
            </button>
          </form>
          <FormError message={otherErrors(statusErrors, []) ?? statusResult.error?.message} />
        </section>
        <section aria-labelledby="ticket-thread">
          <h2 id="ticket-thread">{t('tickets.thread')}</h2>
          {ticket.messages.length ? (
            <ol className="timeline">
              {ticket.messages.map((m) => (
                <li key={m.id} className={m.kind === 'NOTE' ? 'note' : ''}>
                  <strong>{e(m.kind)}</strong> · {m.author.name} ·{' '}
                  <small>{formatDateTime(m.createdAt, locale)}</small>
                  <p>{m.body}</p>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t('common.none')}</p>
          )}
          <form className="form" onSubmit={send} noValidate>
            <SelectField
              id="message-kind"
              label={t('tickets.messageKind')}
              value={kind}
              onChange={(v) => setKind(v as TicketMessageKind)}
              options={MESSAGE_KINDS.map((k) => ({
                value: k,
                label: k === 'NOTE' ? t('tickets.internal') : e(k),
              }))}
            />
            <TextField
              id="message-body"
              label={t('tickets.message')}
              multiline
              value={body}
              onChange={setBody}
              error={messageErrors.body}
            />
            <FormError
              message={otherErrors(messageErrors, ['body']) ?? messageResult.error?.message}
            />
            <button type="submit" disabled={messageResult.fetching}>
              {t('tickets.send')}
            </button>
          </form>
        </section>
      </div>
    </>
  );
}
