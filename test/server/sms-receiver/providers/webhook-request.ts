import { parseFormEncoded } from '../../../../server/sms-receiver/decode-text';
import type { WebhookRequest } from '../../../../server/sms-receiver/providers/provider-adapter';

export interface WebhookRequestInit {
  method?: 'GET' | 'POST';
  url: string;
  /** Any case; stored lower case as the route stores them. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole Content-Type header, parameters included: `application/json; charset=utf-8`. */
  contentType?: string;
  now?: Date;
}

/** A request as the route hands it to an adapter: query and form parsed as the route parses them. */
export function webhookRequest(init: WebhookRequestInit): WebhookRequest {
  const method = init.method ?? 'POST';
  const body = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : (init.body ?? new Uint8Array());
  const [mediaType = '', ...parameters] = (init.contentType ?? '').split(';').map((part) => part.trim());
  const charset = parameters.find((p) => p.toLowerCase().startsWith('charset='))?.slice('charset='.length);
  const contentType = mediaType.toLowerCase();
  const search = new URL(init.url).search.slice(1);
  const form =
    contentType === 'application/x-www-form-urlencoded'
      ? parseFormEncoded(Buffer.from(body).toString('latin1'), charset)
      : new Map<string, string>();
  return {
    method,
    url: init.url,
    headers: new Map(Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    body,
    contentType,
    charset,
    query: parseFormEncoded(search),
    form,
    now: init.now ?? new Date(),
  };
}

/** `application/x-www-form-urlencoded` of the fields, in their order. */
export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
