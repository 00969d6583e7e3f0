import { spawn, spawnSync } from 'node:child_process';
import { isAlive } from '../src/process-utils';

describe('process checks', () => {
  it('count a process that exited but was not reaped yet (a zombie) as stopped', () => {
    const child = spawn('sleep', ['0.2'], { detached: true });
    child.unref();
    const pid = child.pid!;
    expect(isAlive(pid)).toBe(true);
    // the parent is blocked, so it cannot reap the child that exits meanwhile
    spawnSync('sleep', ['1']);
    expect(isAlive(pid)).toBe(false);
  });
});
