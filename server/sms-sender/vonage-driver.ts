import { needsUnicode } from '../../contract/sms-segments';
import type { VonageCredentials, VonageSettings } from '../../contract/send-drivers';
import { answerText, callProvider, field, retryableStatus, scrub } from './provider-call';
import { failed, sent, type SendDriver, type SendTransport } from './send-driver';

/** Vonage's SMS API; a connector's `baseUrl` replaces it only for a self-hosted gateway or a test. */
export const VONAGE_BASE_URL = 'https://rest.nexmo.com';

/** Vonage's status "Throttled": sent faster than the account's limit; the next try may pass. */
const THROTTLED = '1';

/**
 * Vonage's SMS API: `POST {base}/sms/json` with `api_key`, `api_secret`, `from`, `to`, `text`
 * (numbers without the `+`), `type=unicode` when the text is not GSM-7, `callback` for delivery
 * receipts and our reference as `client-ref`. It answers 200 with `messages[0]`: `status` "0" and
 * its `message-id` when accepted, any other status with its `error-text`. Status 1 (throttled),
 * HTTP 429 and 5xx are worth retrying.
 */
export function vonageDriver(
  settings: VonageSettings,
  credentials: VonageCredentials,
  transport: SendTransport,
): SendDriver {
  const url = `${settings.baseUrl ?? VONAGE_BASE_URL}/sms/json`;
  const secrets = [credentials.apiSecret, encodeURIComponent(credentials.apiSecret)];
  return {
    driver: 'vonage',
    async send(sms, signal) {
      const form = new URLSearchParams({
        api_key: credentials.apiKey,
        api_secret: credentials.apiSecret,
        from: withoutPlus(sms.from),
        to: withoutPlus(sms.to),
        text: sms.text,
        'client-ref': sms.reference.slice(0, 100),
      });
      if (needsUnicode(sms.text)) form.set('type', 'unicode');
      if (sms.statusCallbackUrl) form.set('callback', sms.statusCallbackUrl);
      const call = await callProvider(
        {
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          body: form.toString(),
        },
        transport,
        secrets,
        signal,
      );
      if (!call.ok) return call.result;
      const { status, json } = call.response;
      const messages = field(json, 'messages');
      const first: unknown = Array.isArray(messages) ? messages[0] : undefined;
      if (status < 200 || status >= 300 || first === undefined)
        return failed(scrub(`Vonage answered ${answerText(call.response)}`, secrets), retryableStatus(status));
      const messageStatus = String(field(first, 'status') ?? '');
      if (messageStatus === '0') {
        const id = field(first, 'message-id');
        return sent(typeof id === 'string' && id !== '' ? id : null);
      }
      const text = field(first, 'error-text');
      const error = `Vonage status ${messageStatus}${typeof text === 'string' && text !== '' ? `: ${text}` : ''}`;
      return failed(scrub(error, secrets), messageStatus === THROTTLED);
    },
  };
}

/** Vonage takes numbers as digits only: `+4917…` as `4917…`; an alphanumeric id as it is. */
const withoutPlus = (address: string) => (/^\+\d+$/.test(address) ? address.slice(1) : address);
