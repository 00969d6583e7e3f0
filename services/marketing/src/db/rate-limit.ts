import { rows, type Tx } from '@crm/database';

export interface WindowHit {
  hits: number;
  /** Seconds until the current window ends. */
  retryAfter: number;
}

/**
 * Counts one request of `client` to `formKey` in the client's current window, in one statement
 * (an upsert on a shared table, so every replica sees the same count). A window starts at the
 * client's first request and lasts `windowSeconds`; the first request after it ends starts the
 * next one. (Windows aligned to the clock would split a burst that spans a multiple of the
 * window length and let it through at up to twice the limit.)
 */
export async function hitRateWindow(
  tx: Tx,
  formKey: string,
  client: string,
  windowSeconds: number,
): Promise<WindowHit> {
  const [hit] = await rows<{ hits: number; retry_after: number }>(
    tx,
    `INSERT INTO form_rate_windows AS w (form_key, client, window_start, hits)
     VALUES ($1, $2, now(), 1)
     ON CONFLICT (form_key, client) DO UPDATE SET
       window_start = CASE WHEN w.window_start + make_interval(secs => $3) <= now()
                           THEN now() ELSE w.window_start END,
       hits = CASE WHEN w.window_start + make_interval(secs => $3) <= now()
                   THEN 1 ELSE w.hits + 1 END
     RETURNING w.hits, greatest(1, ceil(extract(epoch FROM w.window_start + make_interval(secs => $3) - now())))::int AS retry_after`,
    [formKey, client, windowSeconds],
  );
  return { hits: hit.hits, retryAfter: hit.retry_after };
}

/** Forgets windows that ended long ago. */
export async function sweepRateWindows(tx: Tx, olderThanSeconds: number): Promise<number> {
  const removed = await rows<{ form_key: string }>(
    tx,
    `DELETE FROM form_rate_windows WHERE window_start < now() - make_interval(secs => $1) RETURNING form_key`,
    [olderThanSeconds],
  );
  return removed.length;
}
