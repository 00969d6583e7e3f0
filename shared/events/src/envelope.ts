import type { IHeaders } from 'kafkajs';

/** A CloudEvents 1.0 event in Kafka binary mode: attributes in `ce_*` headers, data as the value. */
export interface Envelope {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  /** Extension attribute: who caused the event (an employee id), when known. */
  actorId: string | null;
}

export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  subject: 'ce_subject',
  time: 'ce_time',
  actorId: 'ce_actorid',
  contentType: 'content-type',
} as const;

export function sourceOf(service: string): string {
  return `/crm/${service}`;
}

export function encodeHeaders(envelope: Envelope): IHeaders {
  const headers: IHeaders = {
    [CE_HEADERS.specversion]: '1.0',
    [CE_HEADERS.id]: envelope.id,
    [CE_HEADERS.type]: envelope.type,
    [CE_HEADERS.source]: envelope.source,
    [CE_HEADERS.subject]: envelope.subject,
    [CE_HEADERS.time]: envelope.time,
    [CE_HEADERS.contentType]: 'application/json',
  };
  if (envelope.actorId) headers[CE_HEADERS.actorId] = envelope.actorId;
  return headers;
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

/** Reads the envelope from Kafka headers; throws EnvelopeError naming what is missing. */
export function decodeHeaders(headers: IHeaders | undefined): Envelope {
  const missing: string[] = [];
  const required = (name: string) => {
    const value = header(headers, name);
    if (!value) missing.push(name);
    return value ?? '';
  };
  const envelope: Envelope = {
    id: required(CE_HEADERS.id),
    type: required(CE_HEADERS.type),
    source: required(CE_HEADERS.source),
    subject: header(headers, CE_HEADERS.subject) ?? '',
    time: required(CE_HEADERS.time),
    actorId: header(headers, CE_HEADERS.actorId) ?? null,
  };
  const spec = header(headers, CE_HEADERS.specversion);
  if (spec !== '1.0') missing.push(`${CE_HEADERS.specversion}=1.0`);
  if (missing.length) throw new EnvelopeError(`not a CloudEvent: missing ${missing.join(', ')}`);
  return envelope;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  return header(headers, name);
}
