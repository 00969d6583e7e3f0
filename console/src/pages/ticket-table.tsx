import { Link } from 'react-router';
import { graphql } from '../__generated__/gql';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { SlaState, type SlaLike } from '../lib/sla';

/** The fields a row shows; the queries that list tickets spread it. */
export const TicketRowFields = graphql(`
  fragment TicketRow on Ticket {
    id
    subject
    priority
    status
    createdAt
    customer {
      id
      name
    }
    assignee {
      id
      name
    }
    sla {
      firstResponse {
        ...SlaClockState
      }
      resolution {
        ...SlaClockState
      }
    }
  }
`);

export interface TicketRow {
  id: string;
  subject: string;
  priority: string;
  status: string;
  createdAt: string;
  customer: { id: string; name: string };
  assignee?: { id: string; name: string } | null;
  sla?: SlaLike | null;
}

/** Tickets with their SLA countdown; a subject opens the ticket page. */
export function TicketTable({ tickets }: { tickets: readonly TicketRow[] }) {
  const { t, e, locale } = useI18n();
  if (!tickets.length) return <p className="muted">{t('common.none')}</p>;
  return (
    <div className="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('tickets.subject')}</th>
            <th scope="col">{t('common.customer')}</th>
            <th scope="col">{t('tickets.priority')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('tickets.sla')}</th>
            <th scope="col">{t('tickets.assignee')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id}>
              <td>
                <Link to={`/tickets/${ticket.id}`}>{ticket.subject}</Link>
                <br />
                <small className="muted">{formatDateTime(ticket.createdAt, locale)}</small>
              </td>
              <td>{ticket.customer.name}</td>
              <td>{e(ticket.priority)}</td>
              <td>{e(ticket.status)}</td>
              <td>
                <SlaState sla={ticket.sla} />
              </td>
              <td>{ticket.assignee?.name ?? t('tickets.unassigned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
