import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { createClient } from './lib/client';
import { I18nProvider } from './lib/i18n';
import { Shell } from './shell';
import './styles.css';

// Every screen is its own chunk: the login page loads only what signing in needs.
const Login = lazy(() => import('./pages/login'));
const Home = lazy(() => import('./pages/home'));
const Customers = lazy(() => import('./pages/customers'));
const CustomerNew = lazy(() => import('./pages/customer-new'));
const Customer360 = lazy(() => import('./pages/customer-360'));
const Pipeline = lazy(() => import('./pages/pipeline'));
const Leads = lazy(() => import('./pages/leads'));
const Tickets = lazy(() => import('./pages/tickets'));
const Ticket = lazy(() => import('./pages/ticket'));

function App() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense>
            <Login />
          </Suspense>
        }
      />
      <Route path="/" element={<Shell />}>
        <Route index element={<Home />} />
        <Route path="customers" element={<Customers />} />
        <Route path="customers/new" element={<CustomerNew />} />
        <Route path="customers/:id" element={<Customer360 />} />
        <Route path="pipeline" element={<Pipeline />} />
        <Route path="leads" element={<Leads />} />
        <Route path="tickets" element={<Tickets />} />
        <Route path="tickets/:id" element={<Ticket />} />
      </Route>
    </Routes>
  );
}

const client = createClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Provider value={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </Provider>
    </I18nProvider>
  </StrictMode>,
);
