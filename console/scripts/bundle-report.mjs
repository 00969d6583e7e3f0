// Prints the JavaScript the login page and the customer 360 page load (entry + the route's
// chunk + everything they import, gzip as served), and fails the build over the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));

/** Budgets in KiB of gzip-compressed JavaScript (README: The web console). */
const BUDGET = { login: 105, customer360: 115 };

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) continue;
    seen.add(key);
    closure(chunk.imports ?? [], seen);
  }
  return seen;
}

function size(keys) {
  let raw = 0;
  let gzip = 0;
  for (const key of closure(keys)) {
    const file = manifest[key].file;
    if (!file.endsWith('.js')) continue;
    const bytes = readFileSync(path.join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw: raw / 1024, gzip: gzip / 1024 };
}

const pages = {
  login: ['index.html', 'src/pages/login.tsx'],
  customer360: ['index.html', 'src/pages/customer-360.tsx'],
};
let over = false;
for (const [name, keys] of Object.entries(pages)) {
  const { raw, gzip } = size(keys);
  const budget = BUDGET[name];
  over ||= gzip > budget;
  process.stdout.write(
    `console bundle: ${name} page loads ${raw.toFixed(1)} KiB of JavaScript (${gzip.toFixed(1)} KiB gzip; budget ${budget} KiB gzip)${gzip > budget ? ' OVER BUDGET' : ''}\n`,
  );
}
if (over) process.exit(1);
