import { SERVICES } from '@crm/config';
import { eventually } from '@crm/testing';
import { GATEWAY, kafkaOf, postgresServerUrl, processesOf, systemSpecs, TEST } from '@crm/infra';

/** The end-to-end system: processes on the test ports, the *_e2e databases, the test broker. */
export const gatewayUrl = `http://127.0.0.1:${TEST.gatewayPort}/graphql`;
export const serviceUrl = (name: string) =>
  `http://127.0.0.1:${TEST.servicePort(name as never)}/graphql`;
export const processes = () => processesOf(TEST, 'files');
export const kafka = () => kafkaOf(TEST);
export const PROCESS_NAMES = [...SERVICES.map((s) => s.name), GATEWAY];

/** How each process is started: identity seeds the demo company the tests log in with. */
export const specs = () =>
  systemSpecs(TEST, process.env.POSTGRES_URL ?? postgresServerUrl(), {
    identity: { DEMO_SEED: 'true' },
  });

/**
 * Waits until each service answers /readyz?full: database and broker reachable, every consumer
 * joined its group. A test that disturbs the system (stops the broker, say) ends with this, so
 * the tests after it start from a settled system.
 */
export async function waitUntilReady(names: string[] = SERVICES.map((s) => s.name)): Promise<void> {
  await eventually(
    async () => {
      for (const name of names) {
        const res = await fetch(
          `http://127.0.0.1:${TEST.servicePort(name as never)}/readyz?full`,
        ).catch((err: Error) => ({ ok: false, status: err.message }));
        expect({ name, ready: res.ok, status: res.status }).toEqual(
          expect.objectContaining({ name, ready: true }),
        );
      }
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}

/** Restarts one process with the same command and waits until it is ready. */
export async function restart(name: string): Promise<void> {
  const spec = specs().find((s) => s.name === name);
  if (!spec) throw new Error(`no process ${name}`);
  await processes().start(spec);
}
