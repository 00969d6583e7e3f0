import type { Logger } from '@crm/config';
import type { BackgroundWorker } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { sweepRateWindows } from '../db/rate-limit';

const EVERY_MS = 5 * 60_000;
const KEEP_SECONDS = 3_600;

/** Deletes rate-limit windows older than an hour, every five minutes (any replica may do it). */
export function rateWindowSweeper(dataSource: DataSource, logger: Logger): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = sweepRateWindows(dataSource.manager, KEEP_SECONDS)
      .then((n) => {
        if (n) logger.debug({ removed: n }, 'rate-limit windows swept');
      })
      .catch((err: unknown) => logger.warn({ err }, 'could not sweep rate-limit windows'));
  };
  return {
    name: 'rate-window-sweeper',
    start() {
      timer = setInterval(sweep, EVERY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
