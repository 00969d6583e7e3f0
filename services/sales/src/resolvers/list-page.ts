import { badInput, decodeCursor, pageSize, toConnection, type PageArgs } from '@crm/subgraph';

/**
 * A page of a list already loaded in full and in order (a customer's contacts, deals, quotes,
 * activities come from one batched query per request); the cursor is the id of the last row.
 */
export function pageOfList<T extends { id: string }>(items: T[], args: PageArgs) {
  const first = pageSize(args);
  const after = decodeCursor(args.after);
  let start = 0;
  if (after) {
    start = items.findIndex((item) => item.id === after[0]) + 1;
    if (start === 0) throw badInput('after points to a row that is no longer in this list');
  }
  return toConnection(items.slice(start, start + first + 1), first, items.length, (item) => [
    item.id,
  ]);
}
