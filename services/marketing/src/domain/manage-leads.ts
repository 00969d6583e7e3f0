import { type Viewer } from '@crm/auth';
import { newId, type Tx } from '@crm/database';
import {
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type InputOf,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { addHistory } from '../db/lead-history';
import {
  campaignsOfLead,
  findLead,
  findLeadsByContact,
  lockContactKeys,
  saveLead,
  type Lead,
} from '../db/leads';
import type { Touch } from '../db/touches';
import { loadScoring, touchLead } from './capture';
import {
  qualifyLeadInput,
  recordEngagementInput,
  tagLeadsInput,
  updateLeadInput,
} from './lead-change-inputs';
import { announceQualification, auditLeadChange, withQualification } from './lead-events';
import { fieldPoints, touchPoints } from './scoring-rules';
import { mayWriteMarketing, namedCampaign, notFound } from './guards';

const mayManage = (viewer: Viewer) => mayWriteMarketing(viewer, 'change marketing leads');

async function lockedLead(tx: Tx, id: string, field = 'id'): Promise<Lead> {
  const lead = await findLead(tx, id, true);
  if (!lead) throw notFound(field, 'lead', id);
  return lead;
}

/** Another lead already holding this phone or email would make the two the same person. */
async function refuseTakenContact(tx: Tx, lead: Lead): Promise<void> {
  await lockContactKeys(tx, [lead.phoneKey, lead.emailKey]);
  const others = (await findLeadsByContact(tx, lead)).filter((l) => l.id !== lead.id);
  for (const other of others) {
    const field = other.phoneKey && other.phoneKey === lead.phoneKey ? 'phone' : 'email';
    throw new UserErrors([
      userError(field, 'DUPLICATE', `${field}: lead ${other.id} (${other.name}) already has it`),
    ]);
  }
}

/** Corrects what a lead says about the person; re-scores the field rules. */
export async function updateLead(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof updateLeadInput>,
): Promise<Result<Lead>> {
  mayManage(viewer);
  const parsed = parseInput(updateLeadInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await lockedLead(tx, input.id);
    const pick = <K extends keyof Lead>(key: K, value: Lead[K] | undefined): Lead[K] =>
      value === undefined ? before[key] : value;
    const next: Lead = {
      ...before,
      name: pick('name', input.name),
      company: pick('company', input.company),
      title: pick('title', input.title),
      phone: input.phone === undefined ? before.phone : (input.phone?.display ?? null),
      phoneKey: input.phone === undefined ? before.phoneKey : (input.phone?.e164 ?? null),
      email: pick('email', input.email),
      emailKey: pick('emailKey', input.email),
      region: pick('region', input.region),
      industry: pick('industry', input.industry),
      companySize: pick('companySize', input.companySize),
      notes: pick('notes', input.notes),
      tags: pick('tags', input.tags),
    };
    if (!next.phoneKey && !next.emailKey) {
      throw new UserErrors([
        userError('phone', 'REQUIRED', 'phone: a lead needs a phone number or an email'),
      ]);
    }
    if (next.phoneKey !== before.phoneKey || next.emailKey !== before.emailKey)
      await refuseTakenContact(tx, next);
    const changed = (Object.keys(next) as (keyof Lead)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]),
    );
    if (!changed.length) return before;
    const { rules, threshold } = await loadScoring(tx);
    next.fieldScore = fieldPoints(rules, next, await campaignsOfLead(tx, before.id));
    next.score = next.fieldScore + next.engagementScore;
    const lead = await saveLead(tx, withQualification(next, threshold));
    await addHistory(tx, {
      leadId: lead.id,
      kind: 'UPDATED',
      actorId: viewer.id,
      details: { changedFields: changed.filter((k) => k !== 'phoneKey' && k !== 'emailKey') },
    });
    await auditLeadChange(tx, 'lead.update', viewer.id, before, lead);
    await announceQualification(tx, before, lead, viewer.id, 'SCORE');
    return lead;
  });
}

/** Adds and removes tags on up to 100 leads at once. */
export async function tagLeads(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof tagLeadsInput>,
): Promise<Result<Lead[]>> {
  mayManage(viewer);
  const parsed = parseInput(tagLeadsInput, raw);
  if (!parsed.ok) return parsed;
  const { leadIds, add, remove } = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const leads: Lead[] = [];
    for (const [index, id] of [...new Set(leadIds)].entries()) {
      const before = await lockedLead(tx, id, `leadIds.${index}`);
      const tags = [...new Set([...before.tags, ...add])].filter((t) => !remove.includes(t));
      if (JSON.stringify(tags) === JSON.stringify(before.tags)) {
        leads.push(before);
        continue;
      }
      const lead = await saveLead(tx, { ...before, tags });
      await auditLeadChange(tx, 'lead.tag', viewer.id, before, lead);
      leads.push(lead);
    }
    return leads;
  });
}

/** Records an engagement (webinar attended, email clicked...) and re-scores the lead. */
export async function recordEngagement(
  dataSource: DataSource,
  viewer: Viewer,
  // details is any JSON the client sends; the schema decides what it accepts
  raw: Omit<InputOf<typeof recordEngagementInput>, 'details'> & { details?: unknown },
): Promise<Result<{ lead: Lead; touch: Touch }>> {
  mayManage(viewer);
  const parsed = parseInput(recordEngagementInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await lockedLead(tx, input.leadId, 'leadId');
    const campaign = await namedCampaign(tx, input.campaignId);
    const scoring = await loadScoring(tx);
    const draft: Touch = {
      id: newId(),
      leadId: before.id,
      kind: input.kind,
      campaignId: campaign?.id ?? null,
      channel: campaign?.channel ?? null,
      points: touchPoints(scoring.rules, { kind: input.kind, campaignId: campaign?.id ?? null }),
      duplicate: false,
      occurredAt: input.occurredAt ?? new Date(),
      sourceIp: null,
      userAgent: null,
      consent: null,
      payload: input.details ?? null,
      recordedBy: viewer.id,
    };
    return touchLead(tx, before, before, draft, scoring);
  });
}

/** A marketer qualifies a lead below the threshold (a hot call): announced to sales like any other. */
export async function qualifyLead(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof qualifyLeadInput>,
): Promise<Result<Lead>> {
  mayManage(viewer);
  const parsed = parseInput(qualifyLeadInput, raw);
  if (!parsed.ok) return parsed;
  return transactionally(dataSource, async (tx) => {
    const before = await lockedLead(tx, parsed.value.id);
    if (before.status !== 'NEW') {
      throw new UserErrors([
        userError(
          'id',
          'INVALID_TRANSITION',
          `id: the lead is ${before.status}, only a NEW lead can be qualified`,
        ),
      ]);
    }
    const lead = await saveLead(tx, { ...before, status: 'QUALIFIED', qualifiedAt: new Date() });
    await auditLeadChange(tx, 'lead.qualify', viewer.id, before, lead);
    await announceQualification(tx, before, lead, viewer.id, 'MANUAL', {
      note: parsed.value.note ?? null,
    });
    return lead;
  });
}
