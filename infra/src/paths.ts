import { homedir } from 'node:os';
import path from 'node:path';

/** Repository root (infra/dist/.. or infra/src/..). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Runtime state of local processes: data directories, pid files, logs. Not committed. */
export const runDir = path.join(repoRoot, '.run');

/** Downloads kept between runs and between clones (Kafka jars). */
export const cacheDir =
  process.env.CRM_CACHE_DIR ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'crm');

/**
 * Data of the development system kept between runs and shared by every checkout, like its
 * databases on the machine's PostgreSQL: the development broker's topics.
 */
export const dataDir =
  process.env.CRM_DATA_DIR ??
  path.join(process.env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share'), 'crm');
