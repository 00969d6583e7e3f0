import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildAsyncApi,
  CATALOG,
  compatibilityProblems,
  jsonSchemaOf,
  topicLine,
  TOPICS,
} from '../src';

const schemasDir = path.join(__dirname, '..', 'schemas');
const fileOf = (type: string) => path.join(schemasDir, `${type}.json`);

function gitVersions(file: string): string[] {
  try {
    const rel = path.relative(path.join(__dirname, '..'), file);
    const cwd = path.join(__dirname, '..');
    const commits = execFileSync('git', ['log', '--format=%H', '--', rel], {
      cwd,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    return commits.map((c) =>
      execFileSync('git', ['show', `${c}:./${rel}`], { cwd, encoding: 'utf8' }),
    );
  } catch {
    return [];
  }
}

describe('event catalog', () => {
  it('every event type has its JSON Schema committed, identical to the one the code validates with', () => {
    for (const definition of CATALOG) {
      const file = fileOf(definition.type);
      expect({ type: definition.type, committed: existsSync(file) }).toEqual({
        type: definition.type,
        committed: true,
      });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(jsonSchemaOf(definition));
    }
  });

  it('no published event type disappears from the catalog', () => {
    const committed = readdirSync(schemasDir).map((f) => f.replace(/\.json$/, ''));
    const known = new Set(CATALOG.map((d) => d.type));
    expect(committed.filter((t) => !known.has(t))).toEqual([]);
  });

  it('every schema is a compatible evolution of each version committed before it', () => {
    for (const definition of CATALOG) {
      const current = jsonSchemaOf(definition);
      for (const earlier of gitVersions(fileOf(definition.type))) {
        expect({
          type: definition.type,
          problems: compatibilityProblems(JSON.parse(earlier), current),
        }).toEqual({
          type: definition.type,
          problems: [],
        });
      }
    }
  });

  it('the AsyncAPI document is current and lists every topic', () => {
    const committed = JSON.parse(readFileSync(path.join(__dirname, '..', 'asyncapi.json'), 'utf8'));
    const version = JSON.parse(
      readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'),
    ).version;
    expect(committed).toEqual(buildAsyncApi(version));
    expect(Object.keys(committed.channels).sort()).toEqual(TOPICS.map((t) => t.name).sort());
  });
});

describe('topic list for deployments', () => {
  it('topics.txt (read by docker-compose) lists every topic of the catalog', () => {
    const lines = readFileSync(path.join(__dirname, '..', 'topics.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toEqual(TOPICS.map(topicLine));
  });
});

describe('schema compatibility rules', () => {
  const base = {
    type: 'object',
    properties: { id: { type: 'string' }, n: { type: 'number' } },
    required: ['id'],
  };

  it('accepts a new optional property', () => {
    expect(
      compatibilityProblems(base, {
        ...base,
        properties: { ...base.properties, extra: { type: 'string' } },
      }),
    ).toEqual([]);
  });

  it('refuses a new required property, a removed property and a changed type', () => {
    expect(
      compatibilityProblems(base, {
        type: 'object',
        properties: { id: { type: 'number' }, extra: { type: 'string' } },
        required: ['id', 'extra'],
      }),
    ).toEqual([
      '$.properties.id.type: changed',
      '$.properties.n: removed',
      '$.properties.extra: added as required',
    ]);
  });

  it('refuses making a required property optional and changing an enum', () => {
    expect(compatibilityProblems({ ...base, required: ['id', 'n'] }, base)).toEqual([
      '$.required: no longer requires n',
    ]);
    expect(compatibilityProblems({ enum: ['A', 'B'] }, { enum: ['A', 'B', 'C'] })).toEqual([
      '$.enum: changed',
    ]);
  });
});
