import { aViewer, graphql, startTestIssuer, testLogger, type TestIssuer } from '@crm/testing';
import { DEFAULT_QUERY_LIMITS, PLAIN_LIST_SIZE } from '@crm/subgraph';
import request from 'supertest';
import { createGatewayApp, type GatewayApp } from '../src/app';
import { gatewayEnvSchema } from '../src/env';
import { supergraphFromFile } from '../src/supergraph-file';
import { LINK, startEchoSubgraph, writeSupergraph, type EchoSubgraph } from './harness';

const SDL = `${LINK}
type Query {
  hello: String
  teams: [Team!]!
  people(first: Int = 20): PersonConnection!
}
type Mutation { login(email: String!): String }
type PersonConnection { nodes: [Person!]! totalCount: Int! }
type Team { id: ID! members: [Person!]! }
type Person @key(fields: "id") { id: ID! name: String! friends(first: Int = 20): PersonConnection! }`;

const person = (i: number) => ({ id: String(i), name: `P${i}` });
const page = (n: number) => ({
  nodes: Array.from({ length: n }, (_, i) => person(i)),
  totalCount: n,
});

let issuer: TestIssuer;
let subgraph: EchoSubgraph;
let gateway: GatewayApp;
let token: string;

beforeAll(async () => {
  issuer = await startTestIssuer();
  subgraph = await startEchoSubgraph(SDL, {
    Query: {
      hello: () => 'hi',
      teams: () => [{ id: 't1' }],
      people: (_: unknown, { first }: { first: number }) => page(first),
    },
    Mutation: { login: () => 'a-token' },
    Team: { members: () => [person(1)] },
    Person: { friends: (_: unknown, { first }: { first: number }) => page(Math.min(first, 2)) },
  });
  gateway = await createGatewayApp({
    supergraph: supergraphFromFile(
      writeSupergraph([{ name: 'people', url: subgraph.url, sdl: SDL }]),
      100,
      testLogger('gateway'),
    ),
    subgraphUrls: {},
    verifyToken: issuer.verifyToken,
    logger: testLogger('gateway'),
    introspection: true,
    // the defaults every environment gets
    limits: gatewayEnvSchema.parse({ NODE_ENV: 'development' }).limits,
  });
  token = await issuer.tokenFor(aViewer());
});
afterAll(async () => {
  await gateway.stop();
  await subgraph.stop();
  await issuer.stop();
});

async function refusal(query: string, variables?: Record<string, unknown>) {
  const before = subgraph.calls.length;
  const res = await graphql(gateway.app, { query, token, variables });
  expect(subgraph.calls.length).toBe(before);
  expect(res.data ?? null).toBeNull();
  return {
    status: res.status,
    message: res.errors?.[0].message,
    code: res.errors?.[0].extensions?.code,
  };
}

describe('query limits, in every environment', () => {
  it('are the defaults in development as in production', () => {
    for (const NODE_ENV of ['development', 'test', 'production'])
      expect(gatewayEnvSchema.parse({ NODE_ENV }).limits).toEqual(DEFAULT_QUERY_LIMITS);
  });

  it('refuse 500 aliases of one field before any subgraph is called', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: hello`).join(' ');
    const res = await refusal(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/Aliases limit of 30 exceeded, found 500/);
    // up to the limit is fine
    const fine = await graphql(gateway.app, {
      query: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: hello`).join(' ')} }`,
      token,
    });
    expect(fine.data).toMatchObject({ a0: 'hi', a29: 'hi' });
  });

  it('refuse too many directives', async () => {
    const res = await refusal(`{ hello ${'@include(if: true) '.repeat(60)} }`);
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/Directives limit of 50 exceeded, found 60/);
  });

  it('refuse a document with too many tokens', async () => {
    const res = await refusal(`{ ${'__typename '.repeat(6_000)} }`);
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/Document contains more th\w+ 5000 tokens/);
  });

  it('refuse a query nested too deep', async () => {
    const deep = `{ people(first: 1) { nodes { ${'friends(first: 1) { nodes { '.repeat(6)} id ${'} } '.repeat(6)} } } }`;
    const res = await refusal(deep);
    expect(res).toMatchObject({ status: 400, code: 'QUERY_TOO_DEEP' });
    expect(res.message).toMatch(/nested 15 levels deep; the limit is 12/);
  });

  it('count default page sizes and plain lists in the cost', async () => {
    // no `first` anywhere: 20 people x 20 friends x 20 friends = 8,000 people x 3 fields
    const defaults = await refusal(
      '{ people { nodes { id friends { nodes { id friends { nodes { id name friends { totalCount } } } } } } } }',
    );
    expect(defaults).toMatchObject({ status: 400, code: 'QUERY_TOO_COSTLY' });
    expect(defaults.message).toMatch(/about \d+ fields; the limit is 20000/);
    // a plain list counts PLAIN_LIST_SIZE per parent: teams x members x 20 friends x 20 friends
    const plain = await refusal(
      '{ teams { members { friends { nodes { friends { nodes { id name friends { totalCount } } } } } } } }',
    );
    expect(plain.code).toBe('QUERY_TOO_COSTLY');
    expect(PLAIN_LIST_SIZE).toBe(10);
    const ok = await graphql<{ people: { nodes: unknown[] } }>(gateway.app, {
      query: '{ people { nodes { id friends { nodes { id } } } } }',
      token,
    });
    expect(ok.data?.people.nodes).toHaveLength(20);
  });

  it('never suggest field names to clients', async () => {
    const res = await graphql(gateway.app, { query: '{ helo }', token });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/Cannot query field "helo"/);
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean/);
  });

  it('answer 413 to a body over the size limit', async () => {
    const res = await request(gateway.app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send(JSON.stringify({ query: '{ hello }', variables: { x: 'x'.repeat(3 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
