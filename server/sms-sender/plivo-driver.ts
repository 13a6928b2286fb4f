import type { PlivoCredentials, PlivoSettings } from '../../contract/send-drivers';
import { answerText, basicAuth, callProvider, field, retryableStatus, scrub } from './provider-call';
import { failed, sent, type SendDriver, type SendTransport } from './send-driver';

/** Plivo's REST API; a connector's `baseUrl` replaces it only for a self-hosted gateway or a test. */
export const PLIVO_BASE_URL = 'https://api.plivo.com';

/**
 * Plivo's Message API: `POST {base}/v1/Account/{auth_id}/Message/`, HTTP basic auth with the auth
 * ID and token, a JSON body of `src`, `dst`, `text` and (when given) `url` with `method: POST` for
 * status callbacks. It answers 202 with `message_uuid` (a list: the first is the message's id);
 * an error answers `{api_id, error}`. 429 and 5xx are worth retrying, other 4xx are not.
 */
export function plivoDriver(
  settings: PlivoSettings,
  credentials: PlivoCredentials,
  transport: SendTransport,
): SendDriver {
  const url = `${settings.baseUrl ?? PLIVO_BASE_URL}/v1/Account/${encodeURIComponent(settings.authId)}/Message/`;
  const authorization = basicAuth(settings.authId, credentials.authToken);
  const secrets = [credentials.authToken, authorization];
  return {
    driver: 'plivo',
    async send(sms, signal) {
      const body: Record<string, string> = { src: sms.from, dst: sms.to, text: sms.text };
      if (sms.statusCallbackUrl) Object.assign(body, { url: sms.statusCallbackUrl, method: 'POST' });
      const call = await callProvider(
        {
          method: 'POST',
          url,
          headers: { authorization, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(body),
        },
        transport,
        secrets,
        signal,
      );
      if (!call.ok) return call.result;
      const { status, json } = call.response;
      if (status >= 200 && status < 300) {
        const uuids = field(json, 'message_uuid');
        const first: unknown = Array.isArray(uuids) ? uuids[0] : undefined;
        return sent(typeof first === 'string' && first !== '' ? first : null);
      }
      const error = field(json, 'error');
      const text =
        typeof error === 'string' && error !== ''
          ? `Plivo: ${error} (HTTP ${status})`
          : `Plivo answered ${answerText(call.response)}`;
      return failed(scrub(text, secrets), retryableStatus(status));
    },
  };
}
