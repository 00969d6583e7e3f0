import { recordAudit } from '@crm/database';
import { ideaShipped, on } from '@crm/events';
import { changeCustomerTags, findCustomerTags } from '../db/customer-tags';

/**
 * The marketing tag a shipped idea leaves on its requesters: `requested:` and the idea's title
 * in lower case with dashes for spaces, cut to a tag's 50 characters (e.g.
 * `requested:excel-export`).
 */
export function requestedTag(title: string): string {
  const slug = title.trim().toLowerCase().replace(/\s+/g, '-');
  return `requested:${slug}`.slice(0, 50);
}

/**
 * Product shipped an idea (architecture reaction 8): every customer who asked for it carries
 * the tag `requested:<idea>` among `Customer.marketingTags`, so that a campaign can tell them.
 * Tagging twice changes nothing; audited (`customer.marketing_tags`) with no actor.
 */
export const shippedHandlers = [
  on(ideaShipped, async (event, tx) => {
    const tag = requestedTag(event.data.title);
    for (const { customerId } of event.data.requesters) {
      const [before] = await findCustomerTags(tx, [customerId]);
      if (before?.tags.includes(tag)) continue;
      const tags = await changeCustomerTags(tx, customerId, [tag], []);
      await recordAudit(tx, {
        actorId: null,
        action: 'customer.marketing_tags',
        entityType: 'Customer',
        entityId: customerId,
        before: { marketingTags: before?.tags ?? [] },
        after: { marketingTags: tags },
      });
    }
  }),
];
