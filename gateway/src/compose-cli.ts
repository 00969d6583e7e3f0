// Build step: compose the supergraph from every subgraph's SDL; a composition error fails the build.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { compose, localSubgraphs } from './compose';

const repoRoot = path.resolve(__dirname, '..', '..');
const output = process.argv[2] ?? path.join(repoRoot, 'gateway', 'supergraph.graphql');
const { found, missing } = localSubgraphs(repoRoot);
if (missing.length) {
  process.stderr.write(
    `composition failed: no schema for ${missing.join(', ')} (expected services/<name>/src/schema or schema.graphql)\n`,
  );
  process.exit(1);
}
const result = compose(found);
if (!result.ok) {
  process.stderr.write(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
writeFileSync(output, result.supergraphSdl);
process.stdout.write(
  `supergraph composed from ${found.map((s) => s.name).join(', ')} -> ${path.relative(repoRoot, output)}\n`,
);
