// Writes schemas/<type>.json for every catalog event and asyncapi.json. Refuses to overwrite a
// published schema with an incompatible change: that needs a new .vN event type.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAsyncApi } from '../asyncapi';
import { CATALOG, topicLine, TOPICS } from '../catalog';
import { jsonSchemaOf } from '../json-schema';
import { compatibilityProblems } from '../schema-compat';

const root = path.resolve(__dirname, '..', '..');
const dir = path.join(root, 'schemas');
mkdirSync(dir, { recursive: true });
let refused = 0;
for (const definition of CATALOG) {
  const file = path.join(dir, `${definition.type}.json`);
  const next = jsonSchemaOf(definition);
  if (existsSync(file)) {
    const problems = compatibilityProblems(JSON.parse(readFileSync(file, 'utf8')), next);
    if (problems.length) {
      refused++;
      process.stderr.write(
        `${definition.type}: incompatible with the published schema:\n  ${problems.join('\n  ')}\n`,
      );
      continue;
    }
  }
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
}
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
writeFileSync(
  path.join(root, 'asyncapi.json'),
  `${JSON.stringify(buildAsyncApi(version), null, 2)}\n`,
);
// read by docker-compose's topic provisioning: `name partitions [key=value,...]` per line
writeFileSync(path.join(root, 'topics.txt'), TOPICS.map((t) => `${topicLine(t)}\n`).join(''));
if (refused) process.exit(1);
process.stdout.write(`wrote ${CATALOG.length} schemas, asyncapi.json and topics.txt\n`);
