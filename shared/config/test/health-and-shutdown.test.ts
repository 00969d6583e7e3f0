import { createLogger, installShutdown, runReadinessChecks } from '../src';

describe('readiness checks', () => {
  it('is ready only when every check answers, and names what failed', async () => {
    const report = await runReadinessChecks(
      [
        { name: 'database', check: async () => undefined },
        { name: 'kafka', check: async () => Promise.reject(new Error('connection refused')) },
        { name: 'slow', check: () => new Promise((r) => setTimeout(r, 1_000)) },
      ],
      100,
    );
    expect(report).toEqual({
      ready: false,
      checks: { database: 'ok', kafka: 'connection refused', slow: 'no answer within 100 ms' },
    });
  });
});

describe('graceful shutdown', () => {
  it('closes the steps once and in order, even when asked twice and when a step fails', async () => {
    const closed: string[] = [];
    const shutdown = installShutdown(
      createLogger('test', 'silent'),
      [
        { name: 'http', close: async () => void closed.push('http') },
        {
          name: 'consumers',
          close: async () => {
            closed.push('consumers');
            throw new Error('broker gone');
          },
        },
        { name: 'database', close: async () => void closed.push('database') },
      ],
      { exitProcess: false },
    );
    await Promise.all([shutdown(), shutdown()]);
    await shutdown();
    expect(closed).toEqual(['http', 'consumers', 'database']);
  });
});
