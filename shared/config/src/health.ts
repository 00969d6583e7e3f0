export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
  /**
   * Whether answering HTTP needs this (default true). Background work (Kafka, consumers) is
   * reported but does not make the service unready: a broker outage must not become an API
   * outage behind a load balancer. `/readyz?full` gates on every check (the local runtime
   * waits for that before it calls a system started).
   */
  servesHttp?: boolean;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

/** Runs the checks in parallel, each bounded by a timeout. */
export async function runReadinessChecks(
  checks: ReadinessCheck[],
  timeoutMs = 2_000,
  { full = true }: { full?: boolean } = {},
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        ]);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, err instanceof Error ? err.message : String(err)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report: Record<string, string> = Object.fromEntries(results);
  const gating = new Set(checks.filter((c) => full || c.servesHttp !== false).map((c) => c.name));
  return {
    ready: results.every(([name, r]) => r === 'ok' || !gating.has(name)),
    checks: report,
  };
}
