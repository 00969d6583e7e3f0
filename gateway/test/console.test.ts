import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { serveConsole } from '../src/console';

function builtConsole(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

function appWith(dir: string) {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const served = serveConsole(app, dir);
  return { app, served };
}

describe('the console at /', () => {
  it('serves index.html for the console pages, so a reload of a deep link works', async () => {
    const { app, served } = appWith(builtConsole());
    expect(served).toBe(true);
    for (const page of ['/', '/customers/0193a1b2-0000-7000-8000-000000000000', '/login']) {
      const answer = await request(app).get(page).set('accept', 'text/html');
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<div id="root">');
      expect(answer.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable and answers 404 for a missing one', async () => {
    const { app } = appWith(builtConsole());
    const asset = await request(app).get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await request(app).get('/assets/missing.js')).status).toBe(404);
  });

  it('leaves the gateway its own paths', async () => {
    const { app } = appWith(builtConsole());
    const health = await request(app).get('/healthz').set('accept', 'text/html');
    expect(health.body).toEqual({ status: 'ok' });
    const graphql = await request(app).get('/graphql').set('accept', 'text/html');
    expect(graphql.status).toBe(404);
  });

  it('is off when the console was not built', () => {
    expect(appWith(path.join(tmpdir(), 'no-such-console')).served).toBe(false);
  });
});
