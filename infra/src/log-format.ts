const COLORS = ['\x1b[32m', '\x1b[33m', '\x1b[34m', '\x1b[35m', '\x1b[36m', '\x1b[92m', '\x1b[94m'];
const RESET = '\x1b[0m';
const LEVEL_COLORS: Record<string, string> = {
  error: '\x1b[31m',
  fatal: '\x1b[31m',
  warn: '\x1b[33m',
};
const HIDDEN = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname', 'component']);

/** Turns one JSON log line of a service into a short line for people; other text passes through. */
export function formatLogLine(name: string, index: number, line: string): string {
  const label = `${COLORS[index % COLORS.length]}${name.padEnd(16)}${RESET}`;
  if (!line.startsWith('{')) return `${label} ${line}`;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const level = String(entry.level ?? 'info');
    const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
    const extras = Object.entries(entry)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const levelText = `${LEVEL_COLORS[level] ?? ''}${level.toUpperCase().padEnd(5)}${RESET}`;
    const component = entry.component ? `[${String(entry.component)}] ` : '';
    return `${label} ${time} ${levelText} ${component}${String(entry.msg ?? '')}${extras ? ` ${extras}` : ''}`;
  } catch {
    return `${label} ${line}`;
  }
}
