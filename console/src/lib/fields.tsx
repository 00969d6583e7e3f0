// Form fields with their label and the server's error for them (userErrors beside the field).
import { FieldError } from './problems';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The userError message for this field, if any. */
  error?: string;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  type = 'text',
  required,
  multiline,
  inputMode,
  autoComplete,
}: FieldProps & {
  type?: string;
  autoComplete?: string;
  required?: boolean;
  multiline?: boolean;
  inputMode?: 'decimal' | 'text';
}) {
  const described = {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          required={required}
          value={value}
          {...described}
          onChange={(ev) => onChange(ev.target.value)}
        />
      ) : (
        <input
          id={id}
          type={type}
          required={required}
          inputMode={inputMode}
          autoComplete={autoComplete}
          value={value}
          {...described}
          onChange={(ev) => onChange(ev.target.value)}
        />
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  error,
  options,
}: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(ev) => onChange(ev.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
