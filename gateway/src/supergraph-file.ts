import { readFileSync } from 'node:fs';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@crm/config';

/**
 * Serves the supergraph from a file and picks up a new version without a restart: a department
 * ships a schema change by composing and writing a new file. A file that does not load (bad
 * composition output) is refused and the current supergraph keeps serving.
 */
export function supergraphFromFile(
  file: string,
  pollMs: number,
  logger: Logger,
): SupergraphManager {
  return {
    async initialize({ update }) {
      let current = readFileSync(file, 'utf8');
      const timer = setInterval(() => {
        let next: string;
        try {
          next = readFileSync(file, 'utf8');
        } catch {
          return;
        }
        if (next === current) return;
        try {
          update(next);
          current = next;
          logger.info({ file }, 'supergraph reloaded');
        } catch (err) {
          current = next;
          logger.error(
            { err: (err as Error).message, file },
            'new supergraph refused; still serving the previous one',
          );
        }
      }, pollMs);
      timer.unref();
      return { supergraphSdl: current, cleanup: async () => clearInterval(timer) };
    },
  };
}
