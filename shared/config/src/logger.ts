import pino from 'pino';

export type Logger = pino.Logger;

/** JSON lines on stdout; `npm start` formats them for people. */
export function createLogger(service: string, level: string = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: ['req.headers.authorization', '*.password', '*.passwordHash'],
  });
}
