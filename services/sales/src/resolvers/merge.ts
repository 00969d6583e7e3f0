type ResolverMap = Record<string, unknown>;

/**
 * Adds the types and fields of `parts` to `target` (one level deep: `Customer` fields from
 * several files end up in one `Customer` map), so each area of the service keeps its own file.
 */
export function mergeResolvers(target: ResolverMap, ...parts: ResolverMap[]): void {
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      const existing = target[type];
      target[type] =
        existing && typeof existing === 'object' && fields && typeof fields === 'object'
          ? { ...(existing as ResolverMap), ...(fields as ResolverMap) }
          : fields;
    }
  }
}
