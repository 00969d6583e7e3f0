import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { ActivityKind } from '../__generated__/graphql';
import { graphql } from '../__generated__/gql';
import { SelectField, TextField } from '../lib/fields';
import { BUSINESS_TIME_ZONE, businessWallTimeToIso } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { byField, FormError, otherErrors } from '../lib/problems';

const LogActivity = graphql(`
  mutation LogActivity($input: LogActivityInput!) {
    logActivity(input: $input) {
      activity {
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

const CreateOpportunity = graphql(`
  mutation CreateOpportunity($input: CreateOpportunityInput!) {
    createOpportunity(input: $input) {
      opportunity {
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

const KINDS: ActivityKind[] = ['CALL', 'VISIT', 'MEETING', 'EMAIL', 'WECHAT', 'NOTE'];
const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD'];

export function LogFollowUp({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t, e } = useI18n();
  const [kind, setKind] = useState<ActivityKind>('CALL');
  const [subject, setSubject] = useState('');
  const [outcome, setOutcome] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const [result, log] = useMutation(LogActivity);
  const errors = byField(result.data?.logActivity.userErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const answer = await log({
      input: {
        customerId,
        kind,
        subject: subject.trim(),
        outcome: outcome.trim() || null,
        nextFollowUpAt: next ? businessWallTimeToIso(next) : null,
      },
    });
    if (answer.data?.logActivity.activity) {
      setSubject('');
      setOutcome('');
      setNext('');
      setDone(true);
      onDone();
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="followup-title" noValidate>
      <h2 id="followup-title">{t('followup.title')}</h2>
      <SelectField
        id="followup-kind"
        label={t('followup.kind')}
        value={kind}
        onChange={(v) => setKind(v as ActivityKind)}
        options={KINDS.map((k) => ({ value: k, label: e(k) }))}
      />
      <TextField
        id="followup-subject"
        label={t('followup.subject')}
        required
        value={subject}
        onChange={setSubject}
        error={errors.subject}
      />
      <TextField
        id="followup-outcome"
        label={t('followup.outcome')}
        multiline
        value={outcome}
        onChange={setOutcome}
        error={errors.outcome}
      />
      <TextField
        id="followup-next"
        label={`${t('followup.next')} (${BUSINESS_TIME_ZONE})`}
        type="datetime-local"
        value={next}
        onChange={setNext}
        error={errors.nextFollowUpAt}
      />
      <FormError
        message={
          otherErrors(errors, ['subject', 'outcome', 'nextFollowUpAt']) ?? result.error?.message
        }
      />
      {done && <p role="status">{t('followup.logged')}</p>}
      <button type="submit" disabled={result.fetching}>
        {t('followup.submit')}
      </button>
    </form>
  );
}

export function NewOpportunity({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('CNY');
  const [closeDate, setCloseDate] = useState('');
  const [done, setDone] = useState(false);
  const [result, create] = useMutation(CreateOpportunity);
  const errors = byField(result.data?.createOpportunity.userErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const answer = await create({
      input: {
        customerId,
        name: name.trim(),
        amount: { amount: amount.trim(), currency },
        expectedCloseDate: closeDate || null,
      },
    });
    if (answer.data?.createOpportunity.opportunity) {
      setName('');
      setAmount('');
      setCloseDate('');
      setDone(true);
      onDone();
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="opp-title" noValidate>
      <h2 id="opp-title">{t('opp.new')}</h2>
      <TextField
        id="opp-name"
        label={t('opp.name')}
        required
        value={name}
        onChange={setName}
        error={errors.name}
      />
      <TextField
        id="opp-amount"
        label={t('opp.amount')}
        required
        inputMode="decimal"
        value={amount}
        onChange={setAmount}
        error={errors.amount}
      />
      <SelectField
        id="opp-currency"
        label={t('opp.currency')}
        value={currency}
        onChange={setCurrency}
        error={errors.currency}
        options={CURRENCIES.map((c) => ({ value: c, label: c }))}
      />
      <TextField
        id="opp-close"
        label={t('opp.closeDate')}
        type="date"
        value={closeDate}
        onChange={setCloseDate}
        error={errors.expectedCloseDate}
      />
      <FormError
        message={
          otherErrors(errors, ['name', 'amount', 'currency', 'expectedCloseDate']) ??
          result.error?.message
        }
      />
      {done && <p role="status">{t('opp.created')}</p>}
      <button type="submit" disabled={result.fetching}>
        {t('opp.create')}
      </button>
    </form>
  );
}
