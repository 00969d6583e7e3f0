import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  databaseNameOf,
  GATEWAY_PRODUCTION_RULES,
  parseEnv,
  SERVICE_PRODUCTION_RULES,
  SERVICES,
  subgraphUrlVariable,
  type ProductionRule,
} from '@crm/config';
import { topicLine, TOPICS } from '@crm/events';
import { KAFKA_VERSION } from '@crm/infra';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  command?: string[];
  depends_on?: Record<string, unknown>;
}
const composeFile = (name: string) =>
  parse(readFileSync(path.join(root, name), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
const compose = composeFile('docker-compose.yml');
const demo = composeFile('docker-compose.demo.yml');

/** What a deployer provides (docker-compose.yml requires each with `${NAME:?...}`). */
const deployment: Record<string, string> = {
  GATEWAY_SECRET: 'k4J9-its-a-long-random-secret-of-the-deployment-q8Zr',
  POSTGRES_PASSWORD: 'db-Pa55word-of-the-deployment',
  JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
  JWT_AUDIENCE: 'crm-acme',
};

/** A compose environment with the deployment's variables filled in, as compose does. */
function interpolated(env: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v).replace(/\$\{(\w+)(:\?[^}]*)?\}/g, (_, name: string) => deployment[name]),
    ]),
  );
}

/** The variables a package reads: the keys of `<name>EnvSchema` in its env module (e.g. customerServiceEnvSchema). */
function envModuleOf(envModule: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module path is only known at run time
  return require(envModule) as Record<string, unknown>;
}

function variablesReadBy(envModule: string, name: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module path is only known at run time
  const exports = require(envModule) as Record<string, { shape?: object; in?: { shape?: object } }>;
  const exportName = `${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}EnvSchema`;
  const schema = exports[exportName];
  if (!schema?.shape && !schema?.in?.shape)
    throw new Error(`${envModule} does not export ${exportName}`);
  return Object.keys(schema.shape ?? schema.in!.shape!);
}

/** A Dockerfile's instructions (continuation lines joined, comments left out), by stage. */
function dockerStages(file: string): { instruction: string; args: string }[][] {
  const stages: { instruction: string; args: string }[][] = [];
  for (const line of readFileSync(path.join(root, file), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')) {
    const [instruction, ...args] = line.trim().split(/\s+/);
    if (!instruction || instruction.startsWith('#')) continue;
    if (instruction === 'FROM') stages.push([]);
    stages.at(-1)?.push({ instruction, args: args.join(' ') });
  }
  return stages;
}

describe('docker-compose.yml', () => {
  it.each(SERVICES.map((s) => [s.name, s] as const))(
    'runs %s from its Dockerfile with its own database, Kafka and its port',
    (name, service) => {
      const entry = compose.services[name];
      expect(entry).toBeDefined();
      expect(entry.build?.dockerfile).toBe(`services/${name}/Dockerfile`);
      expect(existsSync(path.join(root, entry.build!.dockerfile))).toBe(true);
      const env = entry.environment ?? {};
      expect(Number(env.PORT)).toBe(service.port);
      // reachable on the compose network only, by the gateway
      expect(entry.ports).toBeUndefined();
      expect(env.HOST).toBe('0.0.0.0');
      expect(env.GATEWAY_SECRET).toBe(compose.services.gateway.environment?.GATEWAY_SECRET);
      const database = new URL(String(env.DATABASE_URL));
      expect(database.pathname).toBe(`/${databaseNameOf(name)}`);
      expect(compose.services[database.hostname]?.environment?.POSTGRES_DB).toBe(
        databaseNameOf(name),
      );
      expect(env.KAFKA_BROKERS).toBe('kafka:9092');
      expect(env.JWKS_URL).toBe(`http://identity:${SERVICES[0].port}/.well-known/jwks.json`);
      const read = variablesReadBy(path.join(root, service.dir, 'dist', 'env.js'), name);
      expect(Object.keys(env).filter((v) => !read.includes(v))).toEqual([]);
    },
  );

  it('gives every service a PostgreSQL of its own', () => {
    const hosts = SERVICES.map(
      (s) => new URL(String(compose.services[s.name].environment?.DATABASE_URL)).hostname,
    );
    expect(new Set(hosts).size).toBe(SERVICES.length);
  });

  it('points the gateway at every subgraph with the variables it reads', () => {
    const env = compose.services.gateway.environment ?? {};
    for (const s of SERVICES)
      expect(env[subgraphUrlVariable(s.name)]).toBe(`http://${s.name}:${s.port}/graphql`);
    const read = variablesReadBy(path.join(root, 'gateway', 'dist', 'env.js'), 'gateway');
    expect(Object.keys(env).filter((v) => !read.includes(v))).toEqual([]);
  });

  it("builds the web console into the gateway's image and points the gateway at it", () => {
    const [build, runtime] = dockerStages(compose.services.gateway.build!.dockerfile);
    const run = build!
      .filter((i) => i.instruction === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    // built with the supergraph it is typed from, then copied out of the build stage
    expect(run).toMatch(/turbo run build\b.*--filter=@crm\/console\b/);
    const copy = /cp -r console\/dist (\/app\/\S+)/.exec(run)?.[1];
    expect(copy).toBeDefined();
    expect(runtime).toContainEqual({ instruction: 'COPY', args: '--from=build /app ./' });
    const env = Object.fromEntries(
      runtime!
        .filter((i) => i.instruction === 'ENV')
        .flatMap((i) => i.args.split(/\s+/).map((pair) => pair.split('='))),
    ) as Record<string, string>;
    expect(env.CONSOLE_DIR).toBe(copy);
    // nothing turns it off in the deployment, and the build context has the console's sources
    expect(compose.services.gateway.environment?.CONSOLE_DIR).toBeUndefined();
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored.filter((pattern) => /^(\*\*\/)?console\b/.test(pattern))).toEqual([]);
  });

  it('runs the same Kafka version as the local runtime and provisions every topic of the catalog', () => {
    expect(compose.services.kafka.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(compose.services.kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.services['kafka-topics'].volumes).toContain(
      './shared/events/topics.txt:/topics.txt:ro',
    );
    const listed = readFileSync(path.join(root, 'shared/events/topics.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(listed).toEqual(TOPICS.map(topicLine));
    // the settings column is applied, e.g. dead letters kept until replayed
    expect(listed).toContain('crm.sales.dead-letter.v1 1 retention.ms=-1,retention.bytes=-1');
    const command = (compose.services['kafka-topics'].command ?? []).join('\n');
    expect(command).toContain('while read -r topic partitions config');
    expect(command).toContain('kafka-configs.sh');
    expect(command).toContain('--add-config "$$config"');
  });

  it('publishes only the gateway and requires every secret from the deployment', () => {
    const published = Object.entries(compose.services)
      .filter(([, entry]) => entry.ports)
      .map(([name, entry]) => [name, entry.ports]);
    expect(published).toEqual([['gateway', ['4000:4000']]]);
    const required = [
      ...readFileSync(path.join(root, 'docker-compose.yml'), 'utf8').matchAll(/\$\{(\w+):\?/g),
    ].map((m) => m[1]);
    expect([...new Set(required)].sort()).toEqual(Object.keys(deployment).sort());
  });

  it('passes the checks production makes at start, and seeds nothing', () => {
    for (const s of SERVICES) {
      const envModule = envModuleOf(path.join(root, s.dir, 'dist', 'env.js'));
      const schemaName = `${s.name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}EnvSchema`;
      const extra = (envModule[`${schemaName.replace('EnvSchema', '')}ProductionRules`] ??
        []) as ProductionRule[];
      const env = interpolated(compose.services[s.name].environment ?? {});
      expect(env.NODE_ENV).toBe('production');
      expect(env.DEMO_SEED).toBeUndefined();
      expect(() =>
        parseEnv(envModule[schemaName] as never, env, [...SERVICE_PRODUCTION_RULES, ...extra]),
      ).not.toThrow();
    }
    const gatewayEnv = envModuleOf(path.join(root, 'gateway', 'dist', 'env.js'));
    expect(() =>
      parseEnv(
        gatewayEnv.gatewayEnvSchema as never,
        interpolated(compose.services.gateway.environment ?? {}),
        GATEWAY_PRODUCTION_RULES,
      ),
    ).not.toThrow();
  });

  it('has a demo override that seeds only in development and publishes subgraphs on 127.0.0.1 only', () => {
    for (const [name, entry] of Object.entries(demo.services)) {
      const env = { ...compose.services[name].environment, ...entry.environment };
      if (env.DEMO_SEED !== undefined) expect(env.NODE_ENV).toBe('development');
      for (const port of entry.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
    expect(demo.services.identity.environment?.DEMO_SEED).toBe('true');
  });
});

describe('a production start', () => {
  it('refuses the development settings with one message listing every problem', () => {
    const identity = spawnSync(
      process.execPath,
      [path.join(root, 'services/identity/dist/index.js')],
      {
        env: { PATH: process.env.PATH, NODE_ENV: 'production', DEMO_SEED: 'true' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(identity.status).toBe(1);
    const problems = identity.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(problems.map((p) => p.slice(4).split(':')[0])).toEqual([
      'JWT_ISSUER',
      'JWT_AUDIENCE',
      'GATEWAY_SECRET',
      'DATABASE_URL',
      'DEMO_SEED',
      'JWT_PRIVATE_KEY',
    ]);
    expect(identity.stderr).toMatch(/^identity: invalid configuration:/);
    const gateway = spawnSync(process.execPath, [path.join(root, 'gateway/dist/index.js')], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(gateway.status).toBe(1);
    expect(gateway.stderr).toMatch(/JWT_ISSUER: the development default/);
    expect(gateway.stderr).toMatch(/GATEWAY_SECRET: not set/);
  });
});
