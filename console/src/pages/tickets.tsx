import { useQuery } from 'urql';
import { graphql } from '../__generated__/gql';
import { useI18n } from '../lib/i18n';
import { useMe } from '../lib/me';
import { PartialNotice } from '../lib/problems';
import { TicketTable } from './ticket-table';

const TicketsQuery = graphql(`
  query TicketDesk($me: ID!) {
    ticketQueue(first: 50) {
      totalCount
      nodes {
        ...TicketRow
      }
    }
    tickets(first: 50, filter: { assigneeId: $me }, orderBy: { field: UPDATED_AT }) {
      totalCount
      nodes {
        ...TicketRow
      }
    }
  }
`);

export default function Tickets() {
  const { t } = useI18n();
  const me = useMe();
  const [{ data, error, fetching }] = useQuery({ query: TicketsQuery, variables: { me: me.id } });
  if (fetching && !data) return <p>{t('common.loading')}</p>;
  return (
    <>
      <h1>{t('tickets.title')}</h1>
      <PartialNotice error={error} />
      <section aria-labelledby="ticket-queue">
        <h2 id="ticket-queue">
          {t('tickets.queue')} ({data?.ticketQueue.totalCount ?? 0})
        </h2>
        <TicketTable tickets={data?.ticketQueue.nodes ?? []} />
      </section>
      <section aria-labelledby="ticket-mine">
        <h2 id="ticket-mine">
          {t('tickets.mine')} ({data?.tickets.totalCount ?? 0})
        </h2>
        <TicketTable tickets={data?.tickets.nodes ?? []} />
      </section>
    </>
  );
}
