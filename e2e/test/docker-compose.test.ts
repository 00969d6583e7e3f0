import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseNameOf, SERVICES, subgraphUrlVariable } from '@crm/config';
import { TOPICS } from '@crm/events';
import { KAFKA_VERSION } from '@crm/infra';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, unknown>;
}
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };

/** The variables a package reads: the keys of `<name>EnvSchema` in its env module (e.g. customerServiceEnvSchema). */
function variablesReadBy(envModule: string, name: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module path is only known at run time
  const exports = require(envModule) as Record<string, { shape?: object; in?: { shape?: object } }>;
  const exportName = `${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}EnvSchema`;
  const schema = exports[exportName];
  if (!schema?.shape && !schema?.in?.shape)
    throw new Error(`${envModule} does not export ${exportName}`);
  return Object.keys(schema.shape ?? schema.in!.shape!);
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
      expect(entry.ports).toContain(`${service.port}:${service.port}`);
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

  it('runs the same Kafka version as the local runtime and provisions every topic of the catalog', () => {
    expect(compose.services.kafka.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(compose.services.kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.services['kafka-topics'].volumes).toContain(
      './shared/events/topics.txt:/topics.txt:ro',
    );
    const listed = readFileSync(path.join(root, 'shared/events/topics.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(listed).toEqual(TOPICS.map((t) => `${t.name} ${t.partitions}`));
  });
});
