import { readFileSync, writeFileSync } from 'node:fs';
import {
  aViewer,
  eventually,
  graphql,
  startTestIssuer,
  testLogger,
  type TestIssuer,
} from '@crm/testing';
import { DEFAULT_QUERY_LIMITS } from '@crm/subgraph';
import { createGatewayApp, type GatewayApp } from '../src/app';
import { supergraphFromFile } from '../src/supergraph-file';
import { LINK, startEchoSubgraph, writeSupergraph, type EchoSubgraph } from './harness';

const PEOPLE_SDL = `${LINK}
type Query { hello: String people(first: Int = 20): [Person!]! }
type Person @key(fields: "id") { id: ID! name: String! friends(first: Int = 20): [Person!]! }`;

const peopleResolvers = {
  Query: {
    hello: () => 'hi',
    people: (_: unknown, { first }: { first: number }) =>
      Array.from({ length: first }, (_, i) => ({ id: String(i), name: `P${i}` })),
  },
  Person: { friends: () => [] },
};

let issuer: TestIssuer;
let people: EchoSubgraph;
const gateways: GatewayApp[] = [];

async function gatewayOver(file: string, options: { production?: boolean } = {}) {
  const gateway = await createGatewayApp({
    supergraph: supergraphFromFile(file, 100, testLogger('gateway')),
    subgraphUrls: {},
    verifyToken: issuer.verifyToken,
    logger: testLogger('gateway'),
    introspection: !options.production,
    limits: {
      ...DEFAULT_QUERY_LIMITS,
      ...(options.production ? { maxDepth: 4, maxCost: 200 } : {}),
    },
  });
  gateways.push(gateway);
  return gateway.app;
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  people = await startEchoSubgraph(PEOPLE_SDL, peopleResolvers);
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await people.stop();
  await issuer.stop();
});

describe('gateway', () => {
  it('forwards a valid token to the subgraphs', async () => {
    const app = await gatewayOver(
      writeSupergraph([{ name: 'people', url: people.url, sdl: PEOPLE_SDL }]),
    );
    const token = await issuer.tokenFor(aViewer());
    const res = await graphql<{ hello: string }>(app, { query: '{ hello }', token });
    expect(res.data).toEqual({ hello: 'hi' });
    expect(people.calls.at(-1)).toBe(`Bearer ${token}`);
  });

  it('refuses an invalid token before calling any subgraph', async () => {
    const app = await gatewayOver(
      writeSupergraph([{ name: 'people', url: people.url, sdl: PEOPLE_SDL }]),
    );
    const before = people.calls.length;
    for (const token of [
      await issuer.foreignToken(aViewer()),
      await issuer.tokenFor(aViewer(), { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    ]) {
      const res = await graphql(app, { query: '{ hello }', token });
      expect({
        status: res.status,
        data: res.data,
        code: res.errors?.[0].extensions?.code,
      }).toEqual({ status: 401, data: null, code: 'UNAUTHENTICATED' });
    }
    expect(people.calls.length).toBe(before);
  });

  it('limits depth and cost as configured and hides the schema when introspection is off', async () => {
    const app = await gatewayOver(
      writeSupergraph([{ name: 'people', url: people.url, sdl: PEOPLE_SDL }]),
      { production: true },
    );
    const token = await issuer.tokenFor(aViewer());
    const deep = await graphql(app, {
      query:
        '{ people(first: 1) { friends(first: 1) { friends(first: 1) { friends(first: 1) { friends(first: 1) { id } } } } } }',
      token,
    });
    expect(deep.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    const costly = await graphql(app, {
      query: 'query($n: Int) { people(first: $n) { id name friends(first: 50) { id } } }',
      variables: { n: 100 },
      token,
    });
    expect(costly.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(costly.errors?.[0].message).toMatch(/the limit is 200/);
    const fine = await graphql<{ people: unknown[] }>(app, {
      query: '{ people(first: 5) { id name } }',
      token,
    });
    expect(fine.data?.people).toHaveLength(5);
    const introspection = await graphql(app, { query: '{ __schema { types { name } } }', token });
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
  });

  it('serves a new supergraph written to its file without a restart, and keeps serving when the new one is broken', async () => {
    const file = writeSupergraph([{ name: 'people', url: people.url, sdl: PEOPLE_SDL }]);
    const app = await gatewayOver(file);
    const token = await issuer.tokenFor(aViewer());
    const extra = await startEchoSubgraph(`${LINK} type Query { version: String }`, {
      Query: { version: () => 'v2' },
    });
    try {
      const before = await graphql(app, { query: '{ version }', token });
      expect(before.errors?.[0].message).toMatch(/Cannot query field "version"/);
      writeSupergraph(
        [
          { name: 'people', url: people.url, sdl: PEOPLE_SDL },
          { name: 'extra', url: extra.url, sdl: extra.sdl },
        ],
        file,
      );
      await eventually(async () =>
        expect((await graphql(app, { query: '{ version hello }', token })).data).toEqual({
          version: 'v2',
          hello: 'hi',
        }),
      );
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, 'this is not a supergraph');
      await new Promise((r) => setTimeout(r, 400));
      expect((await graphql(app, { query: '{ version }', token })).data).toEqual({ version: 'v2' });
      writeFileSync(file, good);
    } finally {
      await extra.stop();
    }
  });
});
