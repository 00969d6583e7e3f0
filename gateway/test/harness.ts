import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { parse } from 'graphql';
import { compose } from '../src/compose';

/** A small real subgraph that records the Authorization header of every call it gets. */
export interface EchoSubgraph {
  url: string;
  calls: (string | undefined)[];
  sdl: string;
  stop(): Promise<void>;
}

export async function startEchoSubgraph(
  sdl: string,
  resolvers: Record<string, Record<string, unknown>>,
): Promise<EchoSubgraph> {
  const calls: (string | undefined)[] = [];
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const app = express();
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use(
    '/graphql',
    express.json(),
    (req, _res, next) => {
      calls.push(req.headers.authorization);
      next();
    },
    expressMiddleware(apollo),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls,
    sdl,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

/** Composes the subgraphs and writes the supergraph to a fresh temporary file. */
export function writeSupergraph(
  subgraphs: { name: string; url: string; sdl: string }[],
  file?: string,
): string {
  const result = compose(subgraphs);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const target =
    file ?? path.join(mkdtempSync(path.join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
  writeFileSync(target, result.supergraphSdl);
  return target;
}

export const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
