import type { FastifyRequest } from 'fastify';
import { pino } from 'pino';

export type Logger = pino.Logger;

/** Sign-in callbacks carry one-time codes and state in the query string; logs keep only the path. */
const SECRET_QUERY = /^\/auth\//;

const redactQuery = (url: string) => {
  const query = url.indexOf('?');
  return query >= 0 && SECRET_QUERY.test(url) ? `${url.slice(0, query)}?[redacted]` : url;
};

/** Fastify's request fields with the query string of auth routes redacted; any other `req` as given. */
function request(req: Record<string, unknown>) {
  if (!('raw' in req)) return typeof req.url === 'string' ? { ...req, url: redactQuery(req.url) } : req;
  const fastify = req as unknown as FastifyRequest;
  return {
    method: fastify.method,
    url: redactQuery(fastify.url),
    host: fastify.host,
    remoteAddress: fastify.ip,
    remotePort: fastify.socket?.remotePort,
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
