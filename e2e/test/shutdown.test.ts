import { readFileSync } from 'node:fs';
import { createKafka } from '@crm/events';
import { testLogger } from '@crm/testing';
import { processes, restart, waitUntilReady } from './system';
import { TEST } from '@crm/infra';

const SERVICE = 'product-feedback';

describe('stopping a service', () => {
  it('finishes its shutdown and leaves its consumer groups, so a restart need not wait for them to expire', async () => {
    const group = processes();
    // the claim is about a service in its steady state: up, every consumer in its group
    await waitUntilReady([SERVICE]);
    const log = group.logFile(SERVICE);
    const offset = readFileSync(log, 'utf8').length;
    const admin = createKafka({
      brokers: [`127.0.0.1:${TEST.kafkaPort}`],
      clientId: 'e2e-shutdown',
      logger: testLogger('e2e-shutdown'),
    }).admin();
    try {
      await group.stop(SERVICE);
      const lines = readFileSync(log, 'utf8')
        .slice(offset)
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(lines).toEqual(
        expect.arrayContaining(['signal received', 'shutting down', 'stopped']),
      );

      await admin.connect();
      const ids = (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((id) => id.startsWith(`crm-${SERVICE}.`));
      expect(ids.length).toBeGreaterThan(0);
      const { groups } = await admin.describeGroups(ids);
      // a member that did not leave stays until its session times out, and holds up the
      // next instance's join for that long
      expect(groups.map((g) => ({ group: g.groupId, members: g.members.length }))).toEqual(
        ids.map((id) => ({ group: id, members: 0 })),
      );
    } finally {
      // whatever happened above, the service is back for the tests after this one
      await admin.disconnect();
      await restart(SERVICE);
    }
  });
});
