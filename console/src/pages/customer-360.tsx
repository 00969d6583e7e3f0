import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../__generated__/gql';
import { formatDateTime, formatDay, formatMoney } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useMe } from '../lib/me';
import { PartialNotice } from '../lib/problems';
import { may } from '../lib/roles';
import { SlaState } from '../lib/sla';
import { LogFollowUp, NewOpportunity } from './customer-forms';

// The whole customer in one round trip; each department's part is asked for only when the
// person's role may see it, so a section is either there, or absent, or reported as failed.
const Customer360Query = graphql(`
  query Customer360(
    $id: ID!
    $sales: Boolean!
    $marketing: Boolean!
    $tickets: Boolean!
    $feedback: Boolean!
    $analytics: Boolean!
  ) {
    customer(id: $id) {
      id
      name
      kind
      tier
      lifecycleStage
      industry
      region
      phone
      email
      tags
      inPool
      lastFollowUpAt
      nextFollowUpAt
      owner {
        id
        name
        team {
          name
        }
      }
      backupOwner {
        name
      }
      contacts(first: 10) {
        nodes {
          id
          name
          title
          phone
          email
          isPrimary
        }
      }
      opportunities(first: 10) @include(if: $sales) {
        nodes {
          id
          name
          status
          expectedCloseDate
          amount {
            amount
            currency
          }
          stage {
            name
          }
        }
      }
      activities(first: 10) @include(if: $sales) {
        totalCount
        nodes {
          id
          kind
          subject
          outcome
          occurredAt
          nextFollowUpAt
          owner {
            name
          }
        }
      }
      openTasks @include(if: $sales) {
        id
        title
        dueAt
        overdue
      }
      sourceCampaign @include(if: $marketing) {
        id
        name
      }
      leads(first: 5) @include(if: $marketing) {
        nodes {
          id
          name
          status
          score
          campaign {
            name
          }
        }
      }
      openTicketCount @include(if: $tickets)
      tickets(first: 5) @include(if: $tickets) {
        nodes {
          id
          subject
          status
          priority
          createdAt
          sla {
            firstResponse {
              ...SlaClockState
            }
            resolution {
              ...SlaClockState
            }
          }
        }
      }
      feedback(first: 5) @include(if: $feedback) {
        nodes {
          id
          title
          kind
          status
          createdAt
        }
      }
      ideas(first: 5) @include(if: $feedback) {
        nodes {
          id
          title
          status
        }
      }
      health @include(if: $analytics) {
        score
        churnRisk
        lastActivityAt
        openTickets
        urgentOpenTickets
        ticketsLast90Days
        feedbackCount
      }
    }
  }
`);

export default function Customer360() {
  const { id = '' } = useParams();
  const { t, e, locale } = useI18n();
  const me = useMe();
  const can = {
    sales: may(me.roles, 'customers.write'),
    marketing: may(me.roles, 'marketing.read'),
    tickets: may(me.roles, 'tickets.read'),
    feedback: may(me.roles, 'feedback.read'),
    analytics: may(me.roles, 'analytics.read'),
  };
  const [{ data, error, fetching }, refetch] = useQuery({
    query: Customer360Query,
    variables: { id, ...can },
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (fetching && !data) return <p>{t('common.loading')}</p>;
  const c = data?.customer;
  if (!c)
    return (
      <>
        <PartialNotice error={error} />
        <p>{t('c360.notFound')}</p>
      </>
    );
  // a section whose part is missing while the answer carries errors: its department could not
  // answer (the gateway nulls what a down service owns), so it says so instead of "nothing"
  const empty = (part: unknown) => (
    <p className="muted">{t(part == null && error ? 'common.unavailable' : 'common.none')}</p>
  );

  return (
    <>
      <h1>{c.name}</h1>
      <PartialNotice error={error} />
      <div className="grid">
        <section aria-labelledby="profile">
          <h2 id="profile">{t('c360.profile')}</h2>
          <dl>
            <dt>{t('customers.kind')}</dt>
            <dd>{e(c.kind)}</dd>
            <dt>{t('customers.tier')}</dt>
            <dd>{e(c.tier)}</dd>
            <dt>{t('customers.lifecycle')}</dt>
            <dd>{e(c.lifecycleStage)}</dd>
            <dt>{t('customers.industry')}</dt>
            <dd>{c.industry ?? '—'}</dd>
            <dt>{t('customers.region')}</dt>
            <dd>{c.region ?? '—'}</dd>
            <dt>{t('customers.phone')}</dt>
            <dd>{c.phone ?? '—'}</dd>
            <dt>{t('customers.email')}</dt>
            <dd>{c.email ?? '—'}</dd>
            <dt>{t('common.owner')}</dt>
            <dd>
              {c.owner
                ? `${c.owner.name}${c.owner.team ? ` · ${c.owner.team.name}` : ''}`
                : t('customers.pool')}
            </dd>
            <dt>{t('c360.lastFollowUp')}</dt>
            <dd>{formatDateTime(c.lastFollowUpAt, locale)}</dd>
            <dt>{t('c360.nextFollowUp')}</dt>
            <dd>{formatDateTime(c.nextFollowUpAt, locale)}</dd>
          </dl>
          {c.tags.length > 0 && (
            <p>
              {c.tags.map((tag) => (
                <span className="tag" key={tag}>
                  {tag}
                </span>
              ))}
            </p>
          )}
        </section>
        {can.analytics && (
          <section aria-labelledby="health">
            <h2 id="health">{t('c360.health')}</h2>
            {c.health ? (
              <dl>
                <dt>{t('c360.score')}</dt>
                <dd>{c.health.score} / 100</dd>
                <dt>{t('c360.churnRisk')}</dt>
                <dd className={c.health.churnRisk === 'HIGH' ? 'bad' : ''}>
                  {e(c.health.churnRisk)}
                </dd>
                <dt>{t('c360.lastActivity')}</dt>
                <dd>{formatDateTime(c.health.lastActivityAt, locale)}</dd>
                <dt>{t('c360.openTickets')}</dt>
                <dd>{c.health.openTickets}</dd>
                <dt>{t('c360.urgentTickets')}</dt>
                <dd>{c.health.urgentOpenTickets}</dd>
                <dt>{t('c360.ticketsLast90Days')}</dt>
                <dd>{c.health.ticketsLast90Days}</dd>
                <dt>{t('c360.feedbackCount')}</dt>
                <dd>{c.health.feedbackCount}</dd>
              </dl>
            ) : (
              empty(c.health)
            )}
          </section>
        )}
        <section aria-labelledby="contacts">
          <h2 id="contacts">{t('c360.contacts')}</h2>
          {c.contacts.nodes.length ? (
            <ul>
              {c.contacts.nodes.map((p) => (
                <li key={p.id}>
                  {p.isPrimary ? '★ ' : ''}
                  {p.name}
                  {p.title ? ` · ${p.title}` : ''} · {p.phone ?? '—'} · {p.email ?? '—'}
                </li>
              ))}
            </ul>
          ) : (
            empty(c.contacts)
          )}
        </section>
        {c.opportunities && (
          <section aria-labelledby="opportunities">
            <h2 id="opportunities">{t('c360.opportunities')}</h2>
            {c.opportunities.nodes.length ? (
              <ul>
                {c.opportunities.nodes.map((o) => (
                  <li key={o.id}>
                    {o.name} · {o.stage.name} · {formatMoney(o.amount, locale)} ·{' '}
                    {formatDay(o.expectedCloseDate, locale)}
                  </li>
                ))}
              </ul>
            ) : (
              empty(c.opportunities)
            )}
          </section>
        )}
        {c.activities && (
          <section aria-labelledby="activities">
            <h2 id="activities">{t('c360.activities')}</h2>
            {c.openTasks?.length ? (
              <ul>
                {c.openTasks.map((task) => (
                  <li key={task.id} className={task.overdue ? 'bad' : ''}>
                    ☐ {task.title} · {formatDateTime(task.dueAt, locale)}
                  </li>
                ))}
              </ul>
            ) : null}
            {c.activities.nodes.length ? (
              <ol className="timeline">
                {c.activities.nodes.map((a) => (
                  <li key={a.id}>
                    <strong>{e(a.kind)}</strong> {a.subject}
                    {a.outcome ? ` — ${a.outcome}` : ''}
                    <br />
                    <small>
                      {formatDateTime(a.occurredAt, locale)} · {a.owner.name}
                    </small>
                  </li>
                ))}
              </ol>
            ) : (
              empty(c.activities)
            )}
          </section>
        )}
        {c.leads && (
          <section aria-labelledby="leads">
            <h2 id="leads">{t('c360.leads')}</h2>
            <p>
              {t('c360.campaign')}: {c.sourceCampaign?.name ?? '—'}
            </p>
            {c.leads.nodes.length ? (
              <ul>
                {c.leads.nodes.map((l) => (
                  <li key={l.id}>
                    {l.name} · {e(l.status)} · {l.score}
                    {l.campaign ? ` · ${l.campaign.name}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              empty(c.leads)
            )}
          </section>
        )}
        {can.tickets && (
          <section aria-labelledby="tickets">
            <h2 id="tickets">
              {t('c360.tickets')} ({c.openTicketCount ?? '—'})
            </h2>
            {c.tickets?.nodes.length ? (
              <ul>
                {c.tickets.nodes.map((ticket) => (
                  <li key={ticket.id}>
                    <Link to={`/tickets/${ticket.id}`}>{ticket.subject}</Link> · {e(ticket.status)}{' '}
                    · {e(ticket.priority)} · <SlaState sla={ticket.sla} />
                  </li>
                ))}
              </ul>
            ) : (
              empty(c.tickets)
            )}
          </section>
        )}
        {can.feedback && (
          <section aria-labelledby="feedback">
            <h2 id="feedback">{t('c360.feedback')}</h2>
            {c.feedback?.nodes.length ? (
              <ul>
                {c.feedback.nodes.map((f) => (
                  <li key={f.id}>
                    {f.title} · {e(f.kind)} · {e(f.status)}
                  </li>
                ))}
              </ul>
            ) : (
              empty(c.feedback)
            )}
            <h3>{t('c360.ideas')}</h3>
            {c.ideas?.nodes.length ? (
              <ul>
                {c.ideas.nodes.map((idea) => (
                  <li key={idea.id}>
                    {idea.title} · {e(idea.status)}
                  </li>
                ))}
              </ul>
            ) : (
              empty(c.ideas)
            )}
          </section>
        )}
      </div>
      {can.sales && (
        <div className="grid">
          <LogFollowUp customerId={c.id} onDone={reload} />
          <NewOpportunity customerId={c.id} onDone={reload} />
        </div>
      )}
    </>
  );
}
