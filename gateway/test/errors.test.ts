import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aViewer, graphql, startTestIssuer, testLogger, type TestIssuer } from '@crm/testing';
import { DEFAULT_QUERY_LIMITS } from '@crm/subgraph';
import { createGatewayApp, type GatewayApp } from '../src/app';
import { supergraphFromFile } from '../src/supergraph-file';
import { LINK, startEchoSubgraph, writeSupergraph, type EchoSubgraph } from './harness';

const ACCOUNTS_SDL = `${LINK}
type Query { hello: String }
type Mutation { login(email: String!): String }`;
const BROKEN_SDL = `${LINK} type Query { broken: String }`;
const DOWN_SDL = `${LINK} type Query { down: String }`;

let issuer: TestIssuer;
let accounts: EchoSubgraph;
let broken: Server;
let gateway: GatewayApp;

/** A subgraph that answers every request with an HTTP error and a raw body naming its host. */
async function startBrokenSubgraph(): Promise<string> {
  broken = createServer((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html>bad gateway at http://10.1.2.3:4002/graphql</html>');
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(broken.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  accounts = await startEchoSubgraph(ACCOUNTS_SDL, {
    Query: { hello: () => 'hi' },
    Mutation: { login: () => 'a-token' },
  });
  const file = writeSupergraph([
    { name: 'accounts', url: accounts.url, sdl: ACCOUNTS_SDL },
    { name: 'broken', url: await startBrokenSubgraph(), sdl: BROKEN_SDL },
    // nothing listens on port 9 of this host
    { name: 'down', url: 'http://127.0.0.1:9/graphql', sdl: DOWN_SDL },
  ]);
  gateway = await createGatewayApp({
    supergraph: supergraphFromFile(file, 100, testLogger('gateway')),
    subgraphUrls: {},
    verifyToken: issuer.verifyToken,
    logger: testLogger('gateway'),
    introspection: true,
    limits: DEFAULT_QUERY_LIMITS,
  });
});
afterAll(async () => {
  await gateway.stop();
  await accounts.stop();
  await new Promise((resolve) => broken.close(resolve));
  await issuer.stop();
});

describe('gateway errors', () => {
  it('answers a request without a token with UNAUTHENTICATED saying what needs a login and how to get a token', async () => {
    const before = accounts.calls.length;
    const res = await graphql(gateway.app, { query: '{ hello }' });
    expect({ status: res.status, data: res.data, code: res.errors?.[0].extensions?.code }).toEqual({
      status: 401,
      data: null,
      code: 'UNAUTHENTICATED',
    });
    expect(res.errors?.[0].message).toMatch(/"hello" needs a login/);
    expect(res.errors?.[0].message).toMatch(/mutation \{ login\(/);
    expect(res.errors?.[0].message).toMatch(/Authorization: Bearer <token>/);
    expect(accounts.calls.length).toBe(before);
    const login = await graphql(gateway.app, { query: 'mutation { login(email: "a@b.c") }' });
    expect(login.data).toEqual({ login: 'a-token' });
  });

  it('never shows a subgraph’s address or its raw answer, whatever went wrong there', async () => {
    const token = await issuer.tokenFor(aViewer());
    for (const [query, code] of [
      ['{ broken }', 'SERVICE_FAILED'],
      ['{ down }', 'SERVICE_UNAVAILABLE'],
    ]) {
      const res = await graphql(gateway.app, { query, token });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      const text = JSON.stringify(res);
      for (const leak of ['127.0.0.1', '10.1.2.3', 'http://', '<html>', '"response"'])
        expect(text).not.toContain(leak);
    }
  });
});
