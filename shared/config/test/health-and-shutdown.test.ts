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

describe('readiness of a service whose background work is down', () => {
  const checks = [
    { name: 'database', check: async () => undefined },
    {
      name: 'kafka',
      servesHttp: false,
      check: async () => Promise.reject(new Error('connection refused')),
    },
  ];

  it('stays ready to serve HTTP while Kafka is away, and says so', async () => {
    expect(await runReadinessChecks(checks, 100, { full: false })).toEqual({
      ready: true,
      checks: { database: 'ok', kafka: 'connection refused' },
    });
  });

  it('is not fully ready (?full) until Kafka answers too', async () => {
    expect((await runReadinessChecks(checks, 100, { full: true })).ready).toBe(false);
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
