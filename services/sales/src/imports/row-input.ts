import { parseInput } from '@crm/subgraph';
import type { RowProblem } from '../db/imports';
import { addContactInput } from '../domain/contact-inputs';
import { createCustomerInput, type CreateCustomerInput } from '../domain/customer-inputs';
import { companyNameKey } from '../domain/name-key';
import type { ColumnMap, ImportField } from './columns';

/** A valid row, normalized: what the commit writes. */
export interface RowData {
  customer: Omit<CreateCustomerInput, 'ownerId'> & { nameKey: string | null };
  contact: {
    name: string;
    title: string | null;
    phone: string | null;
    phoneKey: string | null;
    email: string | null;
  } | null;
}

export type CheckedRow =
  | { ok: true; data: RowData; nameKey: string | null; phoneKeys: string[]; emailKeys: string[] }
  | { ok: false; problems: RowProblem[] };

const KINDS: Record<string, 'COMPANY' | 'PERSON'> = {
  公司: 'COMPANY',
  企业: 'COMPANY',
  单位: 'COMPANY',
  company: 'COMPANY',
  business: 'COMPANY',
  个人: 'PERSON',
  自然人: 'PERSON',
  person: 'PERSON',
  individual: 'PERSON',
};
const TIERS: Record<string, string> = {
  key: 'KEY',
  vip: 'KEY',
  重点: 'KEY',
  重点客户: 'KEY',
  关键: 'KEY',
  战略: 'KEY',
  a: 'A',
  a类: 'A',
  a级: 'A',
  b: 'B',
  b类: 'B',
  b级: 'B',
  c: 'C',
  c类: 'C',
  c级: 'C',
};
const STAGES: Record<string, string> = {
  prospect: 'PROSPECT',
  潜在: 'PROSPECT',
  潜在客户: 'PROSPECT',
  意向: 'PROSPECT',
  意向客户: 'PROSPECT',
  customer: 'CUSTOMER',
  客户: 'CUSTOMER',
  成交: 'CUSTOMER',
  成交客户: 'CUSTOMER',
  已成交: 'CUSTOMER',
  签约: 'CUSTOMER',
  churned: 'CHURNED',
  流失: 'CHURNED',
  已流失: 'CHURNED',
  流失客户: 'CHURNED',
};

/** The coded columns: what each accepts, by the value the API takes and as people write it. */
const CODED = { kind: KINDS, tier: TIERS, lifecycleStage: STAGES } as const;
type CodedField = keyof typeof CODED;

/** A coded value as people write it (the API's value, or one of its aliases, in any case). */
function decode(field: CodedField, value: string | undefined): string | undefined | null {
  const text = value?.trim();
  if (!text) return undefined;
  const table: Record<string, string> = CODED[field];
  const canonical = new Set(Object.values(table));
  if (canonical.has(text.toUpperCase())) return text.toUpperCase();
  return table[text.toLowerCase()] ?? null;
}

/** Says which value was read and which are accepted, e.g. for 等级 "Z": KEY (重点, VIP...), A... */
function unknownCode(field: CodedField, header: string, value: string): RowProblem {
  const table: Record<string, string> = CODED[field];
  const accepted = [...new Set(Object.values(table))].map((code) => {
    const aliases = Object.keys(table).filter((k) => table[k] === code && k !== code.toLowerCase());
    return aliases.length ? `${code} (${aliases.join(', ')})` : code;
  });
  return {
    column: header,
    code: 'INVALID',
    message: `${header}: got ${JSON.stringify(value.trim())}; accepted: ${accepted.join('; ')}`,
  };
}

const contactSchema = addContactInput.omit({ customerId: true, isPrimary: true });

function problemsOf(
  errors: { field: string[] | null; code: string; message: string }[],
  columns: ColumnMap,
  toField: (path: string) => ImportField,
): RowProblem[] {
  return errors.map((e) => {
    const path = e.field?.[1] ?? '';
    const header = columns.headers.get(toField(path)) ?? null;
    const reason = e.message.slice(e.message.indexOf(':') + 1).trim();
    return { column: header, code: e.code, message: `${header ?? path}: ${reason}` };
  });
}

const ADDRESS_FIELDS = ['country', 'province', 'city', 'district', 'street', 'postalCode'] as const;

/**
 * Validates one row with the same rules as createCustomer and addContact; a contact without
 * its own phone or email columns takes the customer's (the usual 联系人 + 电话 layout).
 */
export function checkRow(
  cells: Partial<Record<ImportField, string>>,
  columns: ColumnMap,
): CheckedRow {
  const has = (f: ImportField) => columns.headers.has(f);
  const address = Object.fromEntries(ADDRESS_FIELDS.filter(has).map((f) => [f, cells[f] ?? '']));
  const codes = Object.fromEntries(
    (Object.keys(CODED) as CodedField[]).map((f) => [f, decode(f, cells[f])]),
  ) as Record<CodedField, string | undefined | null>;
  const badCodes = (Object.keys(CODED) as CodedField[])
    .filter((f) => codes[f] === null)
    .map((f) => unknownCode(f, columns.headers.get(f) ?? f, cells[f] ?? ''));
  const customer = parseInput(createCustomerInput, {
    name: cells.name ?? '',
    kind: codes.kind ?? undefined,
    industry: cells.industry,
    region: cells.region,
    tier: codes.tier ?? undefined,
    lifecycleStage: codes.lifecycleStage ?? undefined,
    tags: (cells.tags ?? '')
      .split(/[,，;；、|]/)
      .map((t) => t.trim())
      .filter(Boolean),
    phone: cells.phone,
    email: cells.email,
    address: Object.keys(address).length ? address : undefined,
  });
  const contactName = cells.contactName?.trim();
  const contact = contactName
    ? parseInput(contactSchema, {
        name: contactName,
        title: cells.contactTitle,
        phone: has('contactPhone') ? cells.contactPhone : undefined,
        email: has('contactEmail') ? cells.contactEmail : undefined,
      })
    : null;
  const problems = [
    ...badCodes,
    ...(customer.ok
      ? []
      : problemsOf(customer.errors, columns, (p) =>
          p.startsWith('address') ? 'street' : (p as ImportField),
        )),
    ...(contact && !contact.ok
      ? problemsOf(
          contact.errors,
          columns,
          (p) => `contact${p[0].toUpperCase()}${p.slice(1)}` as ImportField,
        )
      : []),
  ];
  if (!customer.ok || (contact && !contact.ok) || badCodes.length) return { ok: false, problems };
  const c = customer.value;
  const nameKey = companyNameKey(c.name);
  const contactValue = contact?.ok ? contact.value : null;
  const contactPhone = contactValue
    ? (contactValue.phone ?? (has('contactPhone') ? null : c.phone))
    : null;
  const contactEmail = contactValue
    ? (contactValue.email ?? (has('contactEmail') ? null : c.email))
    : null;
  const data: RowData = {
    customer: { ...c, nameKey },
    contact: contactValue
      ? {
          name: contactValue.name,
          title: contactValue.title ?? null,
          phone: contactPhone?.display ?? null,
          phoneKey: contactPhone?.e164 ?? null,
          email: contactEmail ?? null,
        }
      : null,
  };
  const unique = (xs: (string | null | undefined)[]) => [
    ...new Set(xs.filter((x): x is string => !!x)),
  ];
  return {
    ok: true,
    data,
    nameKey: c.kind === 'COMPANY' ? nameKey : null,
    phoneKeys: unique([c.phone?.e164, data.contact?.phoneKey]),
    emailKeys: unique([c.email, data.contact?.email]),
  };
}
