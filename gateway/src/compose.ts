import { existsSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { SERVICES } from '@crm/config';
import { subgraphSdl } from '@crm/subgraph';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export type Composition =
  { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** Where a service keeps its SDL: a src/schema/ folder or a src/schema.graphql file. */
export function schemaPathOf(repoRoot: string, serviceDir: string): string | null {
  for (const candidate of ['src/schema', 'src/schema.graphql']) {
    const full = path.join(repoRoot, serviceDir, candidate);
    if (existsSync(full)) return full;
  }
  return null;
}

/** The subgraphs of this repository, with the local routing URLs (overridable at run time). */
export function localSubgraphs(repoRoot: string): { found: SubgraphSource[]; missing: string[] } {
  const found: SubgraphSource[] = [];
  const missing: string[] = [];
  for (const service of SERVICES) {
    const schemaPath = schemaPathOf(repoRoot, service.dir);
    if (!schemaPath) {
      missing.push(service.name);
      continue;
    }
    found.push({
      name: service.name,
      url: `http://127.0.0.1:${service.port}/graphql`,
      sdl: subgraphSdl(schemaPath),
    });
  }
  return { found, missing };
}

/** Composes subgraph SDLs into a supergraph; errors name the subgraph and the problem. */
export function compose(subgraphs: SubgraphSource[]): Composition {
  const parsed: { name: string; url: string; typeDefs: ReturnType<typeof parse> }[] = [];
  const errors: string[] = [];
  for (const s of subgraphs) {
    try {
      parsed.push({ name: s.name, url: s.url, typeDefs: parse(s.sdl) });
    } catch (err) {
      errors.push(`${s.name}: ${(err as Error).message}`);
    }
  }
  if (errors.length) return { ok: false, errors };
  const result = composeServices(parsed);
  if (result.errors?.length) return { ok: false, errors: result.errors.map((e) => e.message) };
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl!,
    hints: (result.hints ?? []).map((h) => h.toString()),
  };
}
