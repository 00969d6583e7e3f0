import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { Kind, parse, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { defineConfig, type Plugin } from 'vite';

const OPERATION = /graphql\(\s*`([^`]*)`\s*\)/g;
const GQL_IMPORT = /import \{ graphql \} from '[./]*\/__generated__\/gql';\n/;
const src = path.resolve(import.meta.dirname, 'src');

/** Every fragment the console's sources define, by name. */
function fragmentsOf(dir: string): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(entry) || entry.includes('__generated__')) continue;
    for (const [, source] of readFileSync(path.join(dir, entry), 'utf8').matchAll(OPERATION))
      for (const d of parse(source!, { noLocation: true }).definitions)
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  return fragments;
}

/** The operation with the definitions of the fragments it spreads (those of other files too). */
function complete(source: string, fragments: Map<string, FragmentDefinitionNode>) {
  const document = parse(source, { noLocation: true });
  const definitions: DefinitionNode[] = [...document.definitions];
  const has = (name: string) =>
    definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
  for (let i = 0; i < definitions.length; i++) {
    visit(definitions[i]!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (!fragment) throw new Error(`unknown fragment ${node.name.value}`);
        if (!has(node.name.value)) definitions.push(fragment);
      },
    });
  }
  return { ...document, definitions };
}

/**
 * Puts each `graphql(`...`)` operation into the chunk of the screen that uses it, as its parsed
 * document. The codegen's `graphql()` looks operations up in one table of every document, which
 * would make the login page load the operations of every screen; types still come from that
 * table (the type check runs on the source).
 */
function inlineOperations(): Plugin {
  let fragments = new Map<string, FragmentDefinitionNode>();
  return {
    name: 'crm-inline-graphql-operations',
    enforce: 'pre',
    buildStart() {
      fragments = fragmentsOf(src);
    },
    transform(code, id) {
      if (!id.startsWith(src) || id.includes('__generated__') || !/\.tsx?$/.test(id)) return null;
      if (!code.includes('graphql(`')) return null;
      const out = code
        .replace(GQL_IMPORT, '')
        .replace(OPERATION, (_, source: string) => JSON.stringify(complete(source, fragments)));
      return { code: out, map: null };
    },
  };
}

// `vite` (dev) proxies the graph to a running gateway (npm start), so the console keeps one
// origin in development as it does when the gateway serves console/dist.
export default defineConfig({
  plugins: [inlineOperations(), react()],
  build: { manifest: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
