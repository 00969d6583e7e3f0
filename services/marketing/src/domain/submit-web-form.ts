import { parseInput, transactionally, type UserError } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findCampaignByFormKey, type CampaignStatus } from '../db/campaigns';
import { capturePerson } from './capture';
import { explainMissingContact, webFormInput } from './lead-inputs';

/** A problem with a submission, as the website gets it: the form field and what is wrong. */
export interface FormError {
  field: string | null;
  code: string;
  message: string;
}

export type FormOutcome =
  | { status: 'accepted'; submissionId: string }
  | { status: 'invalid'; errors: FormError[] }
  | { status: 'not-found' }
  | { status: 'closed'; campaignStatus: CampaignStatus };

export interface FormRequest {
  formKey: string;
  body: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}

/** A form accepts submissions while its campaign runs; a paused campaign still takes inbound leads. */
const OPEN: CampaignStatus[] = ['ACTIVE', 'PAUSED'];

const toFormError = (e: UserError): FormError => ({
  field: e.field ? e.field.filter((f) => f !== 'input').join('.') : null,
  code: e.code,
  message: e.message,
});

/**
 * A website's form post: validated, consent recorded (text and version, time, IP, user agent),
 * captured with dedup. `accepted` only after the lead (or touch) and its event committed.
 */
export async function submitWebForm(
  dataSource: DataSource,
  request: FormRequest,
): Promise<FormOutcome> {
  const campaign = await findCampaignByFormKey(dataSource.manager, request.formKey);
  if (!campaign) return { status: 'not-found' };
  if (!OPEN.includes(campaign.status)) return { status: 'closed', campaignStatus: campaign.status };
  // websites often send a phone number as a JSON number
  const fields = Object.fromEntries(
    Object.entries(request.body).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]),
  );
  const parsed = explainMissingContact(parseInput(webFormInput, fields));
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors.map(toFormError) };
  const { consent: _agreed, consentText, consentVersion, ...person } = parsed.value;
  const text = consentText ?? campaign.formConsentText;
  if (!text) {
    return {
      status: 'invalid',
      errors: [
        {
          field: 'consentText',
          code: 'REQUIRED',
          message:
            'consentText: send the consent statement the person agreed to (or set it on the campaign)',
        },
      ],
    };
  }
  const result = await transactionally(dataSource, (tx) =>
    capturePerson(tx, {
      person,
      campaign,
      touchKind: 'FORM_SUBMITTED',
      source: 'WEB_FORM',
      tags: [],
      consent: {
        text,
        // the campaign's version describes the campaign's text only
        version: consentVersion ?? (consentText ? null : campaign.formConsentVersion),
        at: new Date().toISOString(),
        ip: request.ip,
        userAgent: request.userAgent,
      },
      sourceIp: request.ip,
      userAgent: request.userAgent,
      payload: request.body,
      actorId: null,
    }),
  );
  if (!result.ok) return { status: 'invalid', errors: result.errors.map(toFormError) };
  return { status: 'accepted', submissionId: result.value.touch.id };
}
