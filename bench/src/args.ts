// Command-line arguments of the benchmark scripts.

/**
 * The count argument (a positive integer, default `fallback`). `--help` prints `usage` and exits
 * 0; anything else that is not a count says so and exits 2.
 */
export function countArg(usage: string, fallback: number, argv = process.argv.slice(2)): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  const given = argv.find((a) => !a.startsWith('--'));
  if (given === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(given)) {
    process.stderr.write(
      `expected a count (a positive integer), got ${JSON.stringify(given)}\n\n${usage.trim()}\n`,
    );
    process.exit(2);
  }
  return Number(given);
}
