import { Suspense, useEffect, useReducer } from 'react';
import { Navigate, NavLink, Outlet } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from './__generated__/gql';
import { LanguageSwitch, useI18n } from './lib/i18n';
import { MeContext } from './lib/me';
import { PartialNotice } from './lib/problems';
import { isSalesRep, may } from './lib/roles';
import { currentToken, endSession, onSessionChange, sessionEnd } from './lib/session';

const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      email
      roles
      team {
        id
        name
      }
    }
  }
`);

/** The signed-in frame: navigation for the person's roles, language switch, sign-out. */
export function Shell() {
  const { t, e } = useI18n();
  // a session that ends (sign-out, or the gateway refused the token) re-renders to the login
  const [, sessionChanged] = useReducer((n: number) => n + 1, 0);
  useEffect(() => onSessionChange(sessionChanged), []);
  const token = currentToken();
  const [{ data, error }] = useQuery({ query: MeQuery, pause: !token });

  if (!token)
    return <Navigate to={sessionEnd() === 'expired' ? '/login?expired=1' : '/login'} replace />;
  const me = data?.me;
  const roles = me?.roles ?? [];
  return (
    <MeContext.Provider value={me ?? null}>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.main')}>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          {may(roles, 'customers.read') && <NavLink to="/customers">{t('nav.customers')}</NavLink>}
          {may(roles, 'customers.write') && <NavLink to="/pipeline">{t('nav.pipeline')}</NavLink>}
          {isSalesRep(roles) && <NavLink to="/leads">{t('nav.leads')}</NavLink>}
          {may(roles, 'tickets.write') && <NavLink to="/tickets">{t('nav.tickets')}</NavLink>}
        </nav>
        <div className="who">
          {me && (
            <span>
              {me.name} · {roles.map((r) => e(r)).join(', ')}
            </span>
          )}
          <LanguageSwitch />
          <button type="button" className="link" onClick={() => endSession('signed-out')}>
            {t('session.logout')}
          </button>
        </div>
      </header>
      <main id="main">
        {me ? (
          <Suspense fallback={<p>{t('common.loading')}</p>}>
            <Outlet />
          </Suspense>
        ) : error ? (
          <PartialNotice error={error} />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </main>
    </MeContext.Provider>
  );
}
