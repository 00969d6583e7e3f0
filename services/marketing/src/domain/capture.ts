import type { NormalizedPhone } from '@crm/contact';
import { findCustomersByContact } from '@crm/customer-replica';
import { newId, type Tx } from '@crm/database';
import { leadCaptured, leadTouched, publishEvent } from '@crm/events';
import type { Campaign, CampaignChannel } from '../db/campaigns';
import { addHistory } from '../db/lead-history';
import {
  campaignsOfLead,
  findLeadsByContact,
  insertLead,
  lockContactKeys,
  saveLead,
  type Consent,
  type Lead,
  type LeadSource,
} from '../db/leads';
import { findScoringRules, findScoringSettings, type ScoringRule } from '../db/scoring';
import { hasScoredAnonymousTouch, insertTouch, type Touch, type TouchKind } from '../db/touches';
import { announceQualification, auditLeadChange, withQualification } from './lead-events';
import { fieldPoints, touchPoints } from './scoring-rules';

/** A person as captured, already validated and normalized. */
export interface Person {
  name: string;
  company?: string | null;
  title?: string | null;
  phone?: NormalizedPhone | null;
  email?: string | null;
  region?: string | null;
  industry?: string | null;
  companySize?: string | null;
  notes?: string | null;
}

export interface Submission {
  person: Person;
  campaign: Campaign | null;
  touchKind: TouchKind;
  source: LeadSource;
  tags: string[];
  consent: Consent | null;
  sourceIp: string | null;
  userAgent: string | null;
  /** The submission as received (form fields, UTM parameters), kept with the touch. */
  payload: Record<string, unknown> | null;
  actorId: string | null;
}

/**
 * An anonymous submission (the public web form) that repeats one of the same kind and campaign
 * within this window is recorded, but earns no points: posting a form again and again must not
 * raise a lead's score.
 */
export const ANONYMOUS_REPEAT_WINDOW_DAYS = 30;

export interface Capture {
  lead: Lead;
  touch: Touch;
  /** True when the person was already a lead: a touch was added instead of a second lead. */
  duplicate: boolean;
}

/** Fills what the existing lead lacks from a new submission; never overwrites what it has. */
function enrich(lead: Lead, person: Person, tags: string[], consent: Consent | null): Lead {
  const keep = <T>(current: T | null, offered: T | null | undefined): T | null =>
    current ?? offered ?? null;
  return {
    ...lead,
    company: keep(lead.company, person.company),
    title: keep(lead.title, person.title),
    phone: keep(lead.phone, person.phone?.display),
    phoneKey: keep(lead.phoneKey, person.phone?.e164),
    email: keep(lead.email, person.email),
    emailKey: keep(lead.emailKey, person.email),
    region: keep(lead.region, person.region),
    industry: keep(lead.industry, person.industry),
    companySize: keep(lead.companySize, person.companySize),
    notes: keep(lead.notes, person.notes),
    tags: [...new Set([...lead.tags, ...tags])],
    consent: consent ?? lead.consent,
  };
}

export interface Scoring {
  rules: ScoringRule[];
  threshold: number;
}

export async function loadScoring(tx: Tx): Promise<Scoring> {
  const rules = await findScoringRules(tx, true);
  const { qualificationThreshold } = await findScoringSettings(tx);
  return { rules, threshold: qualificationThreshold };
}

/**
 * Adds a touch to an existing lead (`next` is the lead with any other changes of the same
 * step): re-scores it, qualifies it at the threshold and writes history, audit and events.
 */
export async function touchLead(
  tx: Tx,
  before: Lead,
  next: Lead,
  draft: Touch,
  scoring: Scoring,
): Promise<{ lead: Lead; touch: Touch }> {
  const campaigns = [...(await campaignsOfLead(tx, before.id)), draft.campaignId];
  const fieldScore = fieldPoints(scoring.rules, next, campaigns);
  const engagementScore = next.engagementScore + draft.points;
  const scored = { ...next, fieldScore, engagementScore, score: fieldScore + engagementScore };
  const lead = await saveLead(tx, withQualification(scored, scoring.threshold));
  const touch = await insertTouch(tx, draft);
  const actorId = touch.recordedBy;
  await addHistory(tx, {
    leadId: lead.id,
    kind: 'TOUCHED',
    actorId,
    details: {
      touchId: touch.id,
      kind: touch.kind,
      campaignId: touch.campaignId,
      points: touch.points,
      duplicate: touch.duplicate,
    },
  });
  await auditLeadChange(tx, 'lead.touch', actorId, before, lead);
  await publishEvent(
    tx,
    leadTouched,
    {
      leadId: lead.id,
      touchId: touch.id,
      kind: touch.kind,
      campaignId: touch.campaignId,
      channel: touch.channel,
      points: touch.points,
      score: lead.score,
      duplicate: touch.duplicate,
      occurredAt: touch.occurredAt.toISOString(),
    },
    { actorId },
  );
  await announceQualification(tx, before, lead, actorId, 'SCORE');
  return { lead, touch };
}

/**
 * Captures a person in the caller's transaction. The same normalized phone or email as an
 * existing lead adds a touch to that lead (the oldest one) instead of creating a second lead.
 * Scores with the active rules, flags a known customer, qualifies at the threshold, and writes
 * history, audit and events with the change.
 */
export async function capturePerson(tx: Tx, s: Submission): Promise<Capture> {
  const phoneKey = s.person.phone?.e164 ?? null;
  const emailKey = s.person.email ?? null;
  await lockContactKeys(tx, [phoneKey, emailKey]);
  const [existing] = await findLeadsByContact(tx, { phoneKey, emailKey });
  const { rules, threshold: qualificationThreshold } = await loadScoring(tx);
  const campaignId = s.campaign?.id ?? null;
  const channel: CampaignChannel | null = s.campaign?.channel ?? null;
  const earned = touchPoints(rules, { kind: s.touchKind, campaignId });
  const repeat =
    existing !== undefined &&
    s.actorId === null &&
    (await hasScoredAnonymousTouch(tx, {
      leadId: existing.id,
      kind: s.touchKind,
      campaignId,
      since: new Date(Date.now() - ANONYMOUS_REPEAT_WINDOW_DAYS * 86_400_000),
    }));
  const points = repeat ? 0 : earned;
  const touchOf = (lead: Lead, duplicate: boolean): Touch => ({
    id: newId(),
    leadId: lead.id,
    kind: s.touchKind,
    campaignId,
    channel,
    points,
    duplicate,
    occurredAt: new Date(),
    sourceIp: s.sourceIp,
    userAgent: s.userAgent,
    consent: s.consent,
    payload: s.payload,
    recordedBy: s.actorId,
  });

  if (existing) {
    const next = enrich(existing, s.person, s.tags, s.consent);
    if (!next.matchedCustomerId && !next.customerId) {
      const [customer] = await findCustomersByContact(tx, next);
      next.matchedCustomerId = customer?.id ?? null;
    }
    const { lead, touch } = await touchLead(tx, existing, next, touchOf(existing, true), {
      rules,
      threshold: qualificationThreshold,
    });
    return { lead, touch, duplicate: true };
  }

  const [customer] = await findCustomersByContact(tx, { phoneKey, emailKey });
  const p = s.person;
  const draft: Lead = {
    id: newId(),
    name: p.name,
    company: p.company ?? null,
    title: p.title ?? null,
    phone: p.phone?.display ?? null,
    phoneKey,
    email: p.email ?? null,
    emailKey,
    region: p.region ?? null,
    industry: p.industry ?? null,
    companySize: p.companySize ?? null,
    notes: p.notes ?? null,
    source: s.source,
    campaignId,
    channel,
    status: 'NEW',
    fieldScore: 0,
    engagementScore: points,
    score: 0,
    tags: s.tags,
    consent: s.consent,
    matchedCustomerId: customer?.id ?? null,
    customerId: null,
    assigneeId: null,
    assigneeTeamId: null,
    assignedAt: null,
    firstContactDueAt: null,
    contactedAt: null,
    qualifiedAt: null,
    convertedAt: null,
    convertedOpportunityId: null,
    disqualifiedAt: null,
    disqualificationReason: null,
    slaBreaches: 0,
    version: 1,
    createdBy: s.actorId,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  draft.fieldScore = fieldPoints(rules, draft, [campaignId]);
  draft.score = draft.fieldScore + draft.engagementScore;
  const lead = await insertLead(tx, withQualification(draft, qualificationThreshold));
  const touch = await insertTouch(tx, touchOf(lead, false));
  await addHistory(tx, {
    leadId: lead.id,
    kind: 'CAPTURED',
    actorId: s.actorId,
    details: { touchId: touch.id, source: s.source, campaignId, score: lead.score },
  });
  await auditLeadChange(tx, 'lead.capture', s.actorId, null, lead);
  await publishEvent(
    tx,
    leadCaptured,
    {
      leadId: lead.id,
      source: lead.source,
      campaignId,
      channel,
      region: lead.region,
      industry: lead.industry,
      score: lead.score,
      matchedCustomerId: lead.matchedCustomerId,
      capturedAt: lead.createdAt.toISOString(),
    },
    { actorId: s.actorId },
  );
  await announceQualification(tx, null, lead, s.actorId, 'SCORE');
  return { lead, touch, duplicate: false };
}
