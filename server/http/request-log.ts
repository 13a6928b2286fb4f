import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { SECRET_FIELD_NAMES, type Logger } from '../logging/logger';
import { decodeFormComponent } from '../sms-receiver/decode-text';
import { deliveryFieldOf, type DeliveryField } from '../sms-receiver/delivery-fields';
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
      url: loggableUrl(pathAndQuery),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}

const SMS_RECEIVER_PATH = /^\/SMSReceiver(\/|$)/;
const REDACTED = '[redacted]';
/** What the log may show of a delivery: which number it was for, and the provider's id for it. */
const LOGGABLE_DELIVERY_FIELDS: ReadonlySet<DeliveryField> = new Set(['receiver', 'messageId']);

/**
 * The URL as it may be logged. Query parameters are recognised by their name as the server
 * reads it (percent-decoded, in any letter case: `tok%65n` and `TOKEN` are `token`). Secrets'
 * values are replaced; on /SMSReceiver everything is but the receiver number and the provider's
 * message id (the rest is the SMS: its text, the sender's number, the token), and names outside
 * the contract too, since a provider may put anything there.
 */
export function loggableUrl(pathAndQuery: string): string {
  const start = pathAndQuery.indexOf('?');
  if (start < 0) return pathAndQuery;
  const path = pathAndQuery.slice(0, start);
  const smsReceiver = SMS_RECEIVER_PATH.test(path);
  const query = pathAndQuery.slice(start + 1).split('&');
  return `${path}?${query.map((pair) => loggablePair(pair, smsReceiver)).join('&')}`;
}

function loggablePair(pair: string, smsReceiver: boolean): string {
  const eq = pair.indexOf('=');
  const rawName = eq < 0 ? pair : pair.slice(0, eq);
  const name = decodeFormComponent(rawName);
  const redactedValue = eq < 0 ? pair : `${rawName}=${REDACTED}`;
  if (smsReceiver) {
    const field = deliveryFieldOf(name);
    if (field === undefined) return REDACTED;
    return LOGGABLE_DELIVERY_FIELDS.has(field) ? pair : redactedValue;
  }
  return SECRET_FIELD_NAMES.has(name.toLowerCase()) ? redactedValue : pair;
}
