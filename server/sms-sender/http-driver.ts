import type { HttpCredentials, HttpSettings } from '../../contract/send-drivers';
import {
  BODY_CONTENT_TYPES,
  renderBody,
  renderHeader,
  renderUrl,
  valueAtPath,
  type SendValues,
} from '../../contract/send-templates';
import { answerText, basicAuth, callProvider, retryableStatus, scrub } from './provider-call';
import { failed, sent, type SendDriver, type SendTransport } from './send-driver';

/**
 * The generic HTTP driver: the connector's method, URL, headers and body templates, filled with
 * `{{to}}`, `{{from}}`, `{{text}}` and `{{reference}}` escaped for where they stand (URL-encoded
 * in the URL, JSON-string-escaped in a JSON body, form-encoded in a form body, line breaks out of
 * headers). The secret headers and basic auth of its credentials are added as they are. A 2xx is
 * sent (the message id read at `messageIdPath` in the JSON answer), 429 and 5xx retryable, any
 * other status a refusal.
 */
export function httpDriver(settings: HttpSettings, credentials: HttpCredentials, transport: SendTransport): SendDriver {
  const secrets = [
    ...Object.values(credentials.secretHeaders ?? {}),
    ...(credentials.password !== undefined ? [credentials.password] : []),
    ...(credentials.password !== undefined || credentials.username !== undefined
      ? [basicAuth(credentials.username ?? '', credentials.password ?? '')]
      : []),
  ];
  return {
    driver: 'http',
    async send(sms, signal) {
      const values: SendValues = { to: sms.to, from: sms.from, text: sms.text, reference: sms.reference };
      const headers: Record<string, string> = {};
      const hasBody = settings.method !== 'GET';
      if (hasBody) headers['content-type'] = BODY_CONTENT_TYPES[settings.bodyType];
      for (const [name, template] of Object.entries(settings.headers))
        headers[name.toLowerCase()] = renderHeader(template, values);
      if (credentials.username !== undefined || credentials.password !== undefined)
        headers.authorization = basicAuth(credentials.username ?? '', credentials.password ?? '');
      for (const [name, value] of Object.entries(credentials.secretHeaders ?? {})) headers[name.toLowerCase()] = value;
      const call = await callProvider(
        {
          method: settings.method,
          url: renderUrl(settings.url, values),
          headers,
          body: hasBody ? renderBody(settings.body, settings.bodyType, values) : undefined,
        },
        transport,
        secrets,
        signal,
      );
      if (!call.ok) return call.result;
      const { status, json } = call.response;
      if (status >= 200 && status < 300)
        return sent(settings.messageIdPath === '' ? null : valueAtPath(json, settings.messageIdPath));
      return failed(scrub(`The gateway answered ${answerText(call.response)}`, secrets), retryableStatus(status));
    },
  };
}
