import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The shared SDL types, next to this file in src/ and dist/. */
export const COMMON_SDL = readFileSync(path.join(__dirname, 'common.graphql'), 'utf8');

/**
 * A subgraph's full SDL: its own schema (one .graphql file, or a folder of them read in name
 * order, later files using `extend type Query`) plus the shared types.
 */
export function subgraphSdl(schemaPath: string): string {
  const files = statSync(schemaPath).isDirectory()
    ? readdirSync(schemaPath)
        .filter((f) => f.endsWith('.graphql'))
        .sort()
        .map((f) => path.join(schemaPath, f))
    : [schemaPath];
  return [...files.map((f) => readFileSync(f, 'utf8')), COMMON_SDL].join('\n');
}

export function subgraphTypeDefs(schemaFile: string): DocumentNode {
  return parse(subgraphSdl(path.resolve(schemaFile)));
}
