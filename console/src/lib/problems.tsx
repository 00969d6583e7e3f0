// Errors a person can act on: a service that could not answer (the rest of the page still
// shows), and userErrors shown beside the field they concern.
import type { CombinedError } from 'urql';
import { useI18n } from './i18n';

export interface UserErrorLike {
  field?: readonly string[] | null;
  code: string;
  message: string;
}

/** userErrors by input field (the last segment of the path); "" for the whole input. */
export function byField(errors: readonly UserErrorLike[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const key = e.field?.at(-1) ?? '';
    out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
  }
  return out;
}

/** A mutation's refusal (its userErrors) or failure as one line, for a control without fields. */
export function failureOf(
  userErrors: readonly UserErrorLike[] | undefined,
  error: CombinedError | undefined,
): string | undefined {
  return userErrors?.length ? Object.values(byField(userErrors)).join('; ') : error?.message;
}

/** Messages for fields a form does not show (or the whole input), for the form-level error. */
export function otherErrors(errors: Record<string, string>, shown: string[]): string | undefined {
  const rest = Object.entries(errors).filter(([field]) => !shown.includes(field));
  return rest.length ? rest.map(([, message]) => message).join('; ') : undefined;
}

/** Shown when a query answered with data and errors (a service down) or failed outright. */
export function PartialNotice({ error }: { error: CombinedError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const messages = error.networkError
    ? [error.networkError.message]
    : [...new Set(error.graphQLErrors.map((e) => e.message))];
  return (
    <div className="notice warn" role="alert">
      <strong>{t('partial.title')}</strong>
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <span>{t('partial.hint')}</span>
    </div>
  );
}

/** A field's error, referenced by the input's aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

/** An error that concerns the whole form (no field), or a failure of the request itself. */
export function FormError({ message }: { message: string | undefined }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {t('common.error', { message })}
    </p>
  );
}
