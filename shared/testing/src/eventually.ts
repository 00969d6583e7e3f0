/**
 * Retries `probe` until it stops throwing (an expectation that holds) or the time is up, then
 * throws the probe's last error: the test output shows what was still wrong.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 20_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  do {
    try {
      return await probe();
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  } while (Date.now() < deadline);
  if (lastError instanceof Error)
    lastError.message = `still failing after ${timeoutMs} ms: ${lastError.message}`;
  throw lastError;
}
