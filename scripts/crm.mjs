#!/usr/bin/env node
// Entry point of `npm start` and `npm test`. Runs on whatever Node the machine has (20+):
// it fetches the project's toolchain (Node LTS and pnpm, both from the npm registry) into
// .tools/, installs the workspace, builds it, and hands over to the infra CLI on that Node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '10.34.8';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, '.tools');
const toolsBin = path.join(tools, 'node_modules', '.bin');
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  PATH: `${toolsBin}${path.delimiter}${process.env.PATH ?? ''}`,
};

function say(message) {
  process.stdout.write(`\x1b[36m[crm]\x1b[0m ${message}\n`);
}

function versionOf(command) {
  const result = spawnSync(path.join(toolsBin, command), ['--version'], { encoding: 'utf8', env });
  return result.status === 0 ? result.stdout.trim() : null;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env, ...options });
  if (result.status !== 0) {
    say(`'${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function ensureToolchain() {
  if (versionOf('node') === `v${NODE_VERSION}` && versionOf('pnpm') === PNPM_VERSION) return;
  say(`installing Node ${NODE_VERSION} and pnpm ${PNPM_VERSION} into .tools/ (npm registry)`);
  mkdirSync(tools, { recursive: true });
  writeFileSync(
    path.join(tools, 'package.json'),
    JSON.stringify(
      { private: true, dependencies: { node: NODE_VERSION, pnpm: PNPM_VERSION } },
      null,
      2,
    ),
  );
  // The `node` package installs its binary from a preinstall script: allow it explicitly.
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error'], {
    cwd: tools,
  });
  if (versionOf('node') !== `v${NODE_VERSION}`) {
    say('the Node toolchain did not install correctly; see the npm output above');
    process.exit(1);
  }
}

function installAndBuild() {
  say('installing workspace dependencies (pnpm)');
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']);
  say('building (turbo): packages, subgraph schemas, supergraph composition');
  run('pnpm', ['exec', 'turbo', 'run', 'build', 'compose', '--output-logs=errors-only']);
}

function handOver(args) {
  const cli = path.join(root, 'infra', 'dist', 'cli.js');
  if (!existsSync(cli)) {
    say('infra/dist/cli.js is missing after the build');
    process.exit(1);
  }
  const child = spawn(path.join(toolsBin, 'node'), [cli, ...args], {
    stdio: 'inherit',
    cwd: root,
    env,
  });
  // Ctrl-C reaches the whole process group; SIGTERM sent to this process alone is passed on.
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', () => {});
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const command = process.argv[2] ?? 'start';
ensureToolchain();
installAndBuild();
switch (command) {
  case 'setup':
    say('toolchain installed and workspace built');
    break;
  case 'start':
    handOver(['up', ...process.argv.slice(3)]);
    break;
  case 'test':
    handOver(['test', ...process.argv.slice(3)]);
    break;
  default:
    say(`unknown command '${command}' (use start, test or setup)`);
    process.exit(2);
}
