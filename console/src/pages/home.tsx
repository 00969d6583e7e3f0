import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../__generated__/gql';
import { Forecast } from '../lib/forecast';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useMe } from '../lib/me';
import { PartialNotice } from '../lib/problems';
import { isSalesLead, isSalesRep, worksTickets } from '../lib/roles';
import { TicketTable } from './ticket-table';

const AgendaQuery = graphql(`
  query RepAgenda {
    me {
      id
      agenda {
        date
        overdue {
          id
          title
          dueAt
          customer {
            id
            name
          }
        }
        dueToday {
          id
          title
          dueAt
          customer {
            id
            name
          }
        }
        followUps {
          dueAt
          missedAt
          customer {
            id
            name
          }
        }
      }
    }
    myLeads(
      first: 10
      filter: { statuses: [ASSIGNED] }
      orderBy: { field: DUE_AT, direction: ASC }
    ) {
      totalCount
      nodes {
        lead {
          id
        }
        name
        company
        dueAt
        breachCount
      }
    }
  }
`);

const AgentQuery = graphql(`
  query AgentHome($me: ID!) {
    ticketQueue(first: 10) {
      totalCount
      nodes {
        ...TicketRow
      }
    }
    tickets(first: 10, filter: { assigneeId: $me, status: OPEN }) {
      totalCount
      nodes {
        ...TicketRow
      }
    }
  }
`);

function RepAgenda() {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: AgendaQuery });
  if (fetching && !data) return <p>{t('common.loading')}</p>;
  const agenda = data?.me.agenda;
  const taskList = (tasks: NonNullable<typeof agenda>['overdue']) =>
    tasks.length ? (
      <ul>
        {tasks.map((task) => (
          <li key={task.id}>
            {task.title} · {formatDateTime(task.dueAt, locale)}
            {task.customer && (
              <>
                {' '}
                · <Link to={`/customers/${task.customer.id}`}>{task.customer.name}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    ) : (
      <p className="muted">{t('common.none')}</p>
    );
  return (
    <>
      <PartialNotice error={error} />
      <div className="grid">
        <section aria-labelledby="overdue">
          <h2 id="overdue">{t('home.overdue')}</h2>
          {agenda && taskList(agenda.overdue)}
        </section>
        <section aria-labelledby="today">
          <h2 id="today">{t('home.dueToday')}</h2>
          {agenda && taskList(agenda.dueToday)}
        </section>
        <section aria-labelledby="followups">
          <h2 id="followups">{t('home.followUps')}</h2>
          {agenda?.followUps.length ? (
            <ul>
              {agenda.followUps.map((f) => (
                <li key={`${f.customer?.id}-${f.dueAt}`} className={f.missedAt ? 'bad' : ''}>
                  {f.customer ? (
                    <Link to={`/customers/${f.customer.id}`}>{f.customer.name}</Link>
                  ) : (
                    '—'
                  )}{' '}
                  · {formatDateTime(f.dueAt, locale)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('common.none')}</p>
          )}
        </section>
        <section aria-labelledby="leads">
          <h2 id="leads">{t('home.leads')}</h2>
          {data?.myLeads.totalCount ? (
            <p>
              <Link to="/leads">{t('home.leadInbox', { n: data.myLeads.totalCount })}</Link>
            </p>
          ) : null}
          {data?.myLeads.nodes.length ? (
            <ul>
              {data.myLeads.nodes.map((l) => (
                <li key={l.lead.id} className={l.breachCount ? 'bad' : ''}>
                  {l.name}
                  {l.company ? ` (${l.company})` : ''} ·{' '}
                  {t('home.leadDue', { due: formatDateTime(l.dueAt, locale) })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('common.none')}</p>
          )}
        </section>
      </div>
    </>
  );
}

function AgentHome() {
  const { t } = useI18n();
  const me = useMe();
  const [{ data, error, fetching }] = useQuery({ query: AgentQuery, variables: { me: me.id } });
  if (fetching && !data) return <p>{t('common.loading')}</p>;
  return (
    <>
      <PartialNotice error={error} />
      <section aria-labelledby="queue">
        <h2 id="queue">
          {t('home.queue')} ({data?.ticketQueue.totalCount ?? 0})
        </h2>
        <TicketTable tickets={data?.ticketQueue.nodes ?? []} />
      </section>
      <section aria-labelledby="mine">
        <h2 id="mine">
          {t('home.myTickets')} ({data?.tickets.totalCount ?? 0})
        </h2>
        <TicketTable tickets={data?.tickets.nodes ?? []} />
      </section>
    </>
  );
}

export default function Home() {
  const { t } = useI18n();
  const me = useMe();
  const rep = isSalesRep(me.roles);
  const lead = isSalesLead(me.roles);
  const agent = worksTickets(me.roles);
  return (
    <>
      <h1>{t('home.hello', { name: me.name })}</h1>
      {rep && <RepAgenda />}
      {lead && (
        <Forecast
          title={me.team ? t('home.team', { team: me.team.name }) : t('home.forecast')}
          teamIds={me.roles.includes('SALES_MANAGER') && me.team ? [me.team.id] : undefined}
        />
      )}
      {agent && <AgentHome />}
      {!rep && !lead && !agent && <p>{t('home.noRole')}</p>}
    </>
  );
}
