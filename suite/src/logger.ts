import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';

export type Logger = pino.Logger;

/** Sign-in callbacks carry one-time codes and state in the query string; logs keep only the path. */
const SECRET_QUERY = /^\/auth\//;

/** Fastify's request fields, with the query string of auth routes redacted. */
function request(req: IncomingMessage & { host?: string; ip?: string }) {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return {
    method: req.method,
    url: query >= 0 && SECRET_QUERY.test(url) ? `${url.slice(0, query)}?[redacted]` : url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * JSON lines on stdout (tests pass their own `destination`); secrets never reach a log line (integration
 * keys, cookies and the query strings of auth routes are redacted).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'suite' },
    serializers: { req: request },
    redact: ['req.headers["x-integration-key"]', 'req.headers.cookie', 'req.headers.authorization'],
  };
  return destination ? pino(options, destination) : pino(options);
}
