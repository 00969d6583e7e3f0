import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, TEST } from '@crm/infra';
import { seedDemoCustomers } from '@crm/infra/dist/demo';
import { eventually, graphql } from '@crm/testing';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { asGateway, login } from './clients';
import { gatewayUrl } from './system';

/**
 * Every example in the READMEs runs here, verbatim, against the e2e system with the demo data
 * `npm start` seeds: only the addresses change (the gateway and the broker on the test ports).
 */
interface Example {
  file: string;
  language: string;
  code: string;
}

const READMES = [
  'README.md',
  ...readdirSync(path.join(repoRoot, 'services')).map((s) => `services/${s}/README.md`),
];

function examplesOf(file: string): Example[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    file,
    language: m[1],
    code: m[2],
  }));
}

const examples = READMES.flatMap(examplesOf);

/** Shell lines joined across `\` continuations, without comments and blank lines. */
function commandsOf(code: string): string[] {
  return code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#[^'"]*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}

const onTestPorts = (command: string) =>
  command
    .replace(/\blocalhost:4000\b/g, `127.0.0.1:${TEST.gatewayPort}`)
    .replace(/\b127\.0\.0\.1:9092\b/g, `127.0.0.1:${TEST.kafkaPort}`);

// examples' `node` is the one running the tests
const shellEnv = {
  ...process.env,
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
};
const SEPARATOR = '--- next command ---';

/** Runs one block's commands in one shell (variables carry over); answers each one's output. */
function runShell(commands: string[]): string[] {
  const script = [
    'set -eo pipefail',
    ...commands.flatMap((c) => {
      const assigned = /^(\w+)=\$\(/.exec(c)?.[1];
      return [
        onTestPorts(c),
        assigned ? `printf '%s' "$${assigned}"` : ':',
        `printf '\\n%s\\n' '${SEPARATOR}'`,
      ];
    }),
  ].join('\n');
  const run = spawnSync('bash', ['-c', script], { env: shellEnv, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`shell example failed: ${run.stderr}\n${script}`);
  return run.stdout.split(`\n${SEPARATOR}\n`).slice(0, commands.length);
}

/** Waits until a long-running command (a consumer) has printed `expected`, then stops it. */
async function runUntil(command: string, expected: string): Promise<void> {
  // kcat writes to a pipe in blocks and keeps the last one while it waits for more messages:
  // line-buffer it (stdbuf) so what it has read is what we see.
  const child = spawn('bash', ['-c', `stdbuf -oL ${onTestPorts(command)}`], {
    env: shellEnv,
    detached: true,
  });
  // Under npm test the topic holds every package's test events (tens of megabytes): scan the
  // output as it streams, keeping only a tail, instead of accumulating and searching it all.
  let tail = '';
  let found = false;
  const scan = (chunk: Buffer) => {
    const text = tail + String(chunk);
    if (text.includes(expected)) found = true;
    tail = text.slice(-Math.max(expected.length, 2_000));
  };
  child.stdout.on('data', scan);
  child.stderr.on('data', scan);
  try {
    await eventually(
      () => {
        if (!found)
          throw new Error(`"${command}" has not printed ${expected} yet; last output:\n${tail}`);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}

let token: string;
let customerId: string;

beforeAll(async () => {
  await seedDemoCustomers(gatewayUrl, () => undefined);
  token = (await login('rep.east1@demo.crm')).token;
  const mine = await asGateway<{ customers: { nodes: { id: string }[] } }>(
    '{ customers(first: 1) { nodes { id } } }',
    token,
  );
  customerId = mine.customers.nodes[0].id;
});

/** Values for the variables README operations declare, from the demo data. */
const variableValues = (): Record<string, unknown> => ({ id: customerId });

describe('README examples', () => {
  it('are found in the READMEs (the test reads what it should)', () => {
    expect(examples.filter((e) => e.language === 'graphql').length).toBeGreaterThan(0);
    expect(examples.some((e) => e.code.includes('TOKEN=$('))).toBe(true);
  });

  it.each(examples.filter((e) => e.language === 'graphql').map((e) => [e.file, e] as const))(
    'a GraphQL example of %s answers without errors through the gateway',
    async (_file, example) => {
      const operation = parse(example.code).definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )!;
      const values = variableValues();
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => {
          const name = v.variable.name.value;
          if (!(name in values)) throw new Error(`no demo value for $${name} in ${example.file}`);
          return [name, values[name]];
        }),
      );
      const res = await graphql<Record<string, unknown>>(gatewayUrl, {
        query: example.code,
        variables,
        token,
      });
      expect(res.errors).toBeUndefined();
      for (const value of Object.values(res.data ?? { none: null })) expect(value).not.toBeNull();
    },
  );

  it.each(examples.filter((e) => e.language === 'sh').map((e) => [e.file, e] as const))(
    'the shell commands of %s run as written',
    async (_file, example) => {
      const commands = commandsOf(example.code);
      const curls = commands.filter((c) => /^(\w+=\$\()?curl /.test(c));
      const consumers = commands.filter((c) => c.startsWith('kcat '));
      // `npm start` / `npm test` start what this e2e system already runs
      const rest = commands.filter(
        (c) => !curls.includes(c) && !consumers.includes(c) && !c.startsWith('npm '),
      );
      expect(rest).toEqual([]);
      if (curls.length) {
        const outputs = runShell(curls);
        curls.forEach((command, i) => {
          if (/^\w+=\$\(/.test(command)) {
            // an assignment: the variable holds a value (e.g. the token), not an error
            expect(outputs[i]).toMatch(/^[\w.-]{20,}$/);
          } else {
            const answer = JSON.parse(outputs[i]) as { data?: unknown; errors?: unknown };
            expect(answer.errors).toBeUndefined();
            expect(answer.data).toBeTruthy();
          }
        });
      }
      for (const command of consumers) await runUntil(command, customerId);
    },
  );
});
