import { type Viewer } from '@crm/auth';
import { parseInput, transactionally, type InputOf, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { capturePerson, type Capture } from './capture';
import { captureLeadInput, explainMissingContact } from './lead-inputs';
import { mayWriteMarketing, namedCampaign } from './guards';

/** A marketer enters a lead (a business card from a trade show, a call): deduplicated like the form. */
export async function captureLead(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof captureLeadInput>,
): Promise<Result<Capture>> {
  mayWriteMarketing(viewer, 'capture marketing leads');
  const parsed = explainMissingContact(parseInput(captureLeadInput, raw));
  if (!parsed.ok) return parsed;
  const { campaignId, touchKind, tags, consent, ...person } = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const campaign = await namedCampaign(tx, campaignId);
    return capturePerson(tx, {
      person,
      campaign,
      touchKind,
      source: 'MANUAL',
      tags,
      consent: consent
        ? {
            text: consent.text ?? null,
            version: consent.version ?? null,
            at: new Date().toISOString(),
            ip: null,
            userAgent: null,
          }
        : null,
      sourceIp: null,
      userAgent: null,
      payload: null,
      actorId: viewer.id,
    });
  });
}
