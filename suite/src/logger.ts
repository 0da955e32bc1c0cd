import { pino } from 'pino';

export type Logger = pino.Logger;

/**
 * JSON lines on stdout (tests pass their own `destination`); secrets never reach a log line (integration
 * keys and cookies are redacted).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'suite' },
    redact: ['req.headers["x-integration-key"]', 'req.headers.cookie', 'req.headers.authorization'],
  };
  return destination ? pino(options, destination) : pino(options);
}
