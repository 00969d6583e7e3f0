import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../__generated__/gql';
import { TextField } from '../lib/fields';
import { LanguageSwitch, useI18n } from '../lib/i18n';
import { FormError } from '../lib/problems';
import { currentToken, startSession } from '../lib/session';

const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export default function Login() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(LoginMutation);
  if (currentToken()) return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await login({ input: { email, password } });
    const token = answer.data?.login.token;
    if (token) {
      startSession(token, answer.data?.login.expiresAt ?? null);
      void navigate('/', { replace: true });
    }
  };
  const problem =
    result.data?.login.userErrors.map((e) => e.message).join('; ') || result.error?.message;

  return (
    <main id="main" className="login">
      <form onSubmit={submit} className="card form" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        {params.get('expired') && (
          <p className="notice" role="status">
            {t('login.expired')}
          </p>
        )}
        <TextField
          id="login-email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        <FormError message={problem || undefined} />
        <button type="submit" disabled={result.fetching}>
          {t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
