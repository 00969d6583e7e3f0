import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_QUERY_LIMITS } from '@crm/subgraph';
import { startTestIssuer, testLogger, type TestIssuer } from '@crm/testing';
import request from 'supertest';
import { createGatewayApp, type GatewayApp } from '../src/app';
import { supergraphFromFile } from '../src/supergraph-file';
import { LINK, startEchoSubgraph, writeSupergraph, type EchoSubgraph } from './harness';

const SDL = `${LINK}
type Query { hello: String }`;

/** What the department's route received. */
interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let issuer: TestIssuer;
let graph: EchoSubgraph;
let forms: Server;
let formsUrl: string;
let gateway: GatewayApp;
const seen: Seen[] = [];
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);

beforeAll(async () => {
  process.on('warning', onWarning);
  issuer = await startTestIssuer();
  graph = await startEchoSubgraph(SDL, { Query: { hello: () => 'hi' } });
  // a department's plain HTTP route: answers 201 with a header of its own, in two chunks
  forms = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(req.url?.includes('missing') ? 404 : 201, {
        'content-type': 'application/json',
        'x-form-id': 'f-1',
      });
      res.write('{"status":');
      res.end('"accepted"}');
    });
  });
  await new Promise<void>((r) => forms.listen(0, '127.0.0.1', r));
  formsUrl = `http://127.0.0.1:${(forms.address() as AddressInfo).port}/graphql`;
  gateway = await createGatewayApp({
    supergraph: supergraphFromFile(
      writeSupergraph([{ name: 'marketing', url: graph.url, sdl: SDL }]),
      100,
      testLogger('gateway'),
    ),
    subgraphUrls: { marketing: formsUrl, sales: 'http://127.0.0.1:9/graphql' },
    verifyToken: issuer.verifyToken,
    logger: testLogger('gateway'),
    introspection: true,
    limits: DEFAULT_QUERY_LIMITS,
  });
});

afterAll(async () => {
  process.off('warning', onWarning);
  await gateway.stop();
  await new Promise<void>((r) => forms.close(() => r()));
  await graph.stop();
  await issuer.stop();
});

describe("the gateway's pass-through routes", () => {
  it('stream a post to the department and its answer back unchanged, without a deprecation warning', async () => {
    const body = JSON.stringify({ name: '王芳', mobile: '13800000000', note: 'x'.repeat(100_000) });
    const res = await request(gateway.app)
      .post('/forms/contact-us?utm_source=ad')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', '203.0.113.7')
      .send(body);
    expect({ status: res.status, formId: res.headers['x-form-id'], body: res.body }).toEqual({
      status: 201,
      formId: 'f-1',
      body: { status: 'accepted' },
    });
    const received = seen.at(-1)!;
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/forms/contact-us?utm_source=ad');
    expect(received.body).toBe(body);
    expect(received.headers.host).toBe(new URL(formsUrl).host);
    expect(received.headers['x-forwarded-for']).toMatch(/^203\.0\.113\.7, /);
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });

  it("pass the department's error statuses through", async () => {
    const res = await request(gateway.app).get('/forms/missing');
    expect(res.status).toBe(404);
    expect(seen.at(-1)?.url).toBe('/forms/missing');
  });

  it('answer 502 naming the service, not its address, when the department is down', async () => {
    const res = await request(gateway.app)
      .post('/imports')
      .set('content-type', 'text/csv')
      .send('name\nAcme');
    expect(res.status).toBe(502);
    expect(res.body.errors[0].message).toBe(
      'the sales service is not reachable; try again shortly',
    );
    expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
  });
});
