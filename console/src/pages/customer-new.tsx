import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import type { CustomerKind, CustomerTier } from '../__generated__/graphql';
import { graphql } from '../__generated__/gql';
import { useI18n } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { SelectField, TextField } from '../lib/fields';
import { byField, FormError, otherErrors } from '../lib/problems';

const CreateCustomer = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      customer {
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

type TextField = 'name' | 'phone' | 'email' | 'industry' | 'region';
const TEXT_FIELDS: { field: TextField; label: MessageKey; type: string }[] = [
  { field: 'name', label: 'common.name', type: 'text' },
  { field: 'phone', label: 'customers.phone', type: 'tel' },
  { field: 'email', label: 'customers.email', type: 'email' },
  { field: 'industry', label: 'customers.industry', type: 'text' },
  { field: 'region', label: 'customers.region', type: 'text' },
];

export default function CustomerNew() {
  const { t, e } = useI18n();
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<TextField, string>>({
    name: '',
    phone: '',
    email: '',
    industry: '',
    region: '',
  });
  const [kind, setKind] = useState<CustomerKind>('COMPANY');
  const [tier, setTier] = useState<CustomerTier | ''>('');
  const [result, create] = useMutation(CreateCustomer);
  const errors = byField(result.data?.createCustomer.userErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const blank = (v: string) => v.trim() || null;
    const answer = await create({
      input: {
        kind,
        name: values.name.trim(),
        phone: blank(values.phone),
        email: blank(values.email),
        industry: blank(values.industry),
        region: blank(values.region),
        tier: tier || null,
      },
    });
    const id = answer.data?.createCustomer.customer?.id;
    if (id) void navigate(`/customers/${id}`);
  };

  return (
    <>
      <h1>{t('customers.new')}</h1>
      <form className="card form" onSubmit={submit} noValidate>
        {TEXT_FIELDS.map(({ field, label, type }) => (
          <TextField
            key={field}
            id={`customer-${field}`}
            label={t(label)}
            type={type}
            required={field === 'name'}
            value={values[field]}
            onChange={(v) => setValues({ ...values, [field]: v })}
            error={errors[field]}
          />
        ))}
        <SelectField
          id="customer-kind"
          label={t('customers.kind')}
          value={kind}
          onChange={(v) => setKind(v as CustomerKind)}
          error={errors.kind}
          options={(['COMPANY', 'PERSON'] as const).map((k) => ({ value: k, label: e(k) }))}
        />
        <SelectField
          id="customer-tier"
          label={t('customers.tier')}
          value={tier}
          onChange={(v) => setTier(v as CustomerTier | '')}
          error={errors.tier}
          options={[
            { value: '', label: '—' },
            ...(['KEY', 'A', 'B', 'C'] as const).map((k) => ({ value: k, label: e(k) })),
          ]}
        />
        <FormError
          message={
            otherErrors(errors, [...TEXT_FIELDS.map((f) => f.field), 'kind', 'tier']) ??
            result.error?.message
          }
        />
        <button type="submit" disabled={result.fetching}>
          {t('customers.create')}
        </button>
      </form>
    </>
  );
}
