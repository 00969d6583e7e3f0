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
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out; exiting');
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      for (const step of steps) {
        try {
          await step.close();
        } catch (err) {
          logger.error({ err, step: step.name }, 'shutdown step failed');
        }
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
