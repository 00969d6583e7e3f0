import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The shared SDL types, next to this file in src/ and dist/. */
export const COMMON_SDL = readFileSync(path.join(__dirname, 'common.graphql'), 'utf8');

/** A subgraph's full SDL: its own schema.graphql plus the shared types. */
export function subgraphSdl(schemaFile: string): string {
  return `${readFileSync(schemaFile, 'utf8')}\n${COMMON_SDL}`;
}

export function subgraphTypeDefs(schemaFile: string): DocumentNode {
  return parse(subgraphSdl(path.resolve(schemaFile)));
}
