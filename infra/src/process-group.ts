import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { formatLogLine } from './log-format';
import { repoRoot } from './paths';
import { isAlive, terminate, waitFor } from './process-utils';

export interface ProcessSpec {
  name: string;
  /** Script relative to the repository root, run with the current Node. */
  script: string;
  env: Record<string, string>;
  port: number;
}

/**
 * Node processes of one environment (services, gateway), tracked by pid files so that any
 * process (a test, the CLI) can stop or restart them. Output goes to the console, formatted,
 * or to one log file per process.
 */
export class ProcessGroup {
  private readonly children = new Map<string, ChildProcess>();

  constructor(
    private readonly stateDir: string,
    private readonly output: 'console' | 'files',
  ) {
    mkdirSync(stateDir, { recursive: true });
  }

  pidFile(name: string): string {
    return path.join(this.stateDir, `${name}.pid`);
  }

  logFile(name: string): string {
    return path.join(this.stateDir, `${name}.log`);
  }

  pid(name: string): number | undefined {
    const file = this.pidFile(name);
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8'));
    return isAlive(pid) ? pid : undefined;
  }

  logTail(name: string, lines = 40): string {
    const file = this.logFile(name);
    return existsSync(file)
      ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
      : '';
  }

  /** Starts the process (stopping an earlier one of the same name) and waits for /readyz. */
  async start(spec: ProcessSpec, index = 0, readyTimeoutMs = 90_000): Promise<void> {
    await this.stop(spec.name);
    const env = { ...process.env, ...spec.env };
    let child: ChildProcess;
    if (this.output === 'files') {
      const out = openSync(this.logFile(spec.name), 'a');
      child = spawn(process.execPath, [path.join(repoRoot, spec.script)], {
        cwd: repoRoot,
        env,
        detached: true,
        stdio: ['ignore', out, out],
      });
      closeSync(out);
      child.unref();
    } else {
      child = spawn(process.execPath, [path.join(repoRoot, spec.script)], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [child.stdout, child.stderr]) {
        if (!stream) continue;
        createInterface({ input: stream }).on('line', (line) => {
          process.stdout.write(`${formatLogLine(spec.name, index, line)}\n`);
        });
      }
      this.children.set(spec.name, child);
    }
    if (!child.pid) throw new Error(`could not start ${spec.name}`);
    writeFileSync(this.pidFile(spec.name), String(child.pid));
    const pid = child.pid;
    await waitFor(
      `${spec.name} to be ready on port ${spec.port}`,
      async () => {
        if (!isAlive(pid)) {
          throw new Error(
            `${spec.name} exited during start${this.output === 'files' ? `:\n${this.logTail(spec.name)}` : ''}`,
          );
        }
        try {
          const res = await fetch(`http://127.0.0.1:${spec.port}/readyz?full`, {
            signal: AbortSignal.timeout(2_000),
          });
          return res.ok;
        } catch {
          return false;
        }
      },
      readyTimeoutMs,
      300,
    );
  }

  /** SIGTERM (graceful shutdown), SIGKILL after the grace period. */
  async stop(name: string, graceMs = 25_000): Promise<void> {
    const pid = this.pid(name);
    if (pid) await terminate(pid, graceMs);
    rmSync(this.pidFile(name), { force: true });
    this.children.delete(name);
  }

  /** SIGKILL: a crash, for tests of what survives one. */
  kill(name: string): void {
    const pid = this.pid(name);
    if (pid) process.kill(pid, 'SIGKILL');
    rmSync(this.pidFile(name), { force: true });
  }

  async stopAll(names: string[]): Promise<void> {
    await Promise.all(names.map((n) => this.stop(n)));
  }
}
