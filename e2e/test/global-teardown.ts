import { processes, PROCESS_NAMES } from './system';

export default async function globalTeardown(): Promise<void> {
  await processes().stopAll(PROCESS_NAMES);
  const teardown = (globalThis as Record<string, unknown>).__e2eTeardown as
    (() => Promise<void>) | undefined;
  await teardown?.();
}
