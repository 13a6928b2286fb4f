import { parseFormEncoded } from '../../../server/sms-receiver/decode-text';
import type { WebhookRequest } from '../../../server/sms-receiver/providers/provider-adapter';

interface RequestParts {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  contentType?: string;
  now?: Date;
}

/** A `WebhookRequest` as the route builds it: header names in lower case, query and form parsed. */
export function webhookRequest({
  method = 'POST',
  url,
  headers = {},
  body = '',
  contentType = '',
  now = new Date(),
}: RequestParts): WebhookRequest {
  const bytes = typeof body === 'string' ? new Uint8Array(Buffer.from(body, 'utf8')) : body;
  const query = new URL(url).search.slice(1);
  const isForm = contentType === 'application/x-www-form-urlencoded';
  return {
    method,
    url,
    headers: new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    body: bytes,
    contentType,
    charset: undefined,
    query: parseFormEncoded(query),
    form: isForm ? parseFormEncoded(Buffer.from(bytes).toString('latin1')) : new Map(),
    now,
  };
}
