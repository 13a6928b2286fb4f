import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { redactUrl, type Logger } from '../logging/logger';
import type { AppEnv } from './app-env';

const bootId = randomBytes(3).toString('hex');
let sequence = 0;

/** One log line per request, with a request id that is also answered in `X-Request-Id`. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const started = performance.now();
    const requestId = `${bootId}-${(++sequence).toString(36)}`;
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    if (!logger.isLevelEnabled('info')) return;
    const url = c.req.url;
    const pathAndQuery = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    logger.info({
      reqId: requestId,
      method: c.req.method,
      url: redactUrl(pathAndQuery),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
