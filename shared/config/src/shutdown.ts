import type { Logger } from './logger';

export interface ShutdownStep {
  name: string;
  close: () => Promise<void> | void;
}

/**
 * Closes the steps in order on SIGTERM / SIGINT (or when called). Idempotent: a second signal
 * or call returns the same promise. Steps that fail are logged and the rest still run.
 */
export function installShutdown(
  logger: Logger,
  steps: ShutdownStep[],
  options: { timeoutMs?: number; exitProcess?: boolean } = {},
): () => Promise<void> {
  const { timeoutMs = 20_000, exitProcess = true } = options;
  let closing: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    if (closing) return closing;
    closing = (async () => {
      logger.info('shutting down');
      let current = '';
      const timer = setTimeout(() => {
        logger.error({ timeoutMs, step: current }, 'shutdown timed out; exiting');
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      for (const step of steps) {
        current = step.name;
        const started = Date.now();
        try {
          await step.close();
        } catch (err) {
          logger.error({ err, step: step.name }, 'shutdown step failed');
        }
        const ms = Date.now() - started;
        // a step that holds up the shutdown says so: it is the one to look at when one times out
        if (ms >= 1_000) logger.info({ step: step.name, ms }, 'slow shutdown step');
      }
      clearTimeout(timer);
      logger.info('stopped');
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'signal received');
    void shutdown().then(() => {
      if (exitProcess) process.exit(0);
    });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return shutdown;
}
