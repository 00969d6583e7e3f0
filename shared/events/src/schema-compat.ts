type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Problems that make `next` an incompatible change of the published schema `published`.
 * Allowed: new optional properties and changed descriptions. Anything else (a new or dropped
 * required field, a changed type, enum or format, a dropped property) needs a new `.vN` type.
 */
export function compatibilityProblems(published: unknown, next: unknown, path = '$'): string[] {
  if (!isObject(published) || !isObject(next)) {
    return JSON.stringify(published) === JSON.stringify(next) ? [] : [`${path}: changed`];
  }
  const problems: string[] = [];
  const keys = new Set([...Object.keys(published), ...Object.keys(next)]);
  for (const key of keys) {
    if (key === 'description' || key === 'title' || key === '$id') continue;
    const where = `${path}.${key}`;
    if (key === 'properties') {
      const before = (published.properties ?? {}) as Schema;
      const after = (next.properties ?? {}) as Schema;
      const required = new Set((next.required as string[] | undefined) ?? []);
      for (const name of Object.keys(before)) {
        if (!(name in after)) problems.push(`${where}.${name}: removed`);
        else problems.push(...compatibilityProblems(before[name], after[name], `${where}.${name}`));
      }
      for (const name of Object.keys(after)) {
        if (!(name in before) && required.has(name))
          problems.push(`${where}.${name}: added as required`);
      }
      continue;
    }
    if (key === 'required') {
      const before = [...((published.required as string[]) ?? [])].sort();
      const after = [...((next.required as string[]) ?? [])].sort();
      const added = after.filter((n) => !before.includes(n));
      const dropped = before.filter((n) => !after.includes(n));
      if (dropped.length) problems.push(`${where}: no longer requires ${dropped.join(', ')}`);
      // new required names are reported with their property above, when the property is new
      const addedExisting = added.filter(
        (n) => isObject(published.properties) && n in published.properties,
      );
      if (addedExisting.length) problems.push(`${where}: now requires ${addedExisting.join(', ')}`);
      continue;
    }
    if (!(key in next)) problems.push(`${where}: removed`);
    else if (!(key in published)) problems.push(`${where}: added`);
    else problems.push(...compatibilityProblems(published[key], next[key], where));
  }
  return problems;
}
