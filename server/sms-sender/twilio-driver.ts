import type { TwilioCredentials, TwilioSettings } from '../../contract/send-drivers';
import { answerText, basicAuth, callProvider, field, retryableStatus, scrub } from './provider-call';
import { failed, sent, type SendDriver, type SendTransport } from './send-driver';

/** Twilio's REST API; a connector's `baseUrl` replaces it only for a self-hosted gateway or a test. */
export const TWILIO_BASE_URL = 'https://api.twilio.com';

/**
 * Twilio's Messages API: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP basic
 * auth with the account SID and auth token, a form of `To`, `From`, `Body` and (when given)
 * `StatusCallback`. A 201 answers the message with its `sid`; an error answers `code` and `message`
 * (e.g. 21211, "The 'To' number … is not a valid phone number"). 429 and 5xx are worth retrying,
 * other 4xx are not.
 */
export function twilioDriver(
  settings: TwilioSettings,
  credentials: TwilioCredentials,
  transport: SendTransport,
): SendDriver {
  const base = settings.baseUrl ?? TWILIO_BASE_URL;
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const secrets = [credentials.authToken, basicAuth(settings.accountSid, credentials.authToken)];
  return {
    driver: 'twilio',
    async send(sms, signal) {
      const form = new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.text });
      if (sms.statusCallbackUrl) form.set('StatusCallback', sms.statusCallbackUrl);
      const call = await callProvider(
        {
          method: 'POST',
          url,
          headers: {
            authorization: basicAuth(settings.accountSid, credentials.authToken),
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          },
          body: form.toString(),
        },
        transport,
        secrets,
        signal,
      );
      if (!call.ok) return call.result;
      const { status, json } = call.response;
      if (status >= 200 && status < 300) {
        const sid = field(json, 'sid');
        return sent(typeof sid === 'string' && sid !== '' ? sid : null);
      }
      const code = field(json, 'code');
      const message = field(json, 'message');
      const error =
        typeof message === 'string'
          ? `Twilio ${code !== undefined && code !== null ? `${String(code)}: ` : ''}${message} (HTTP ${status})`
          : `Twilio answered ${answerText(call.response)}`;
      return failed(scrub(error, secrets), retryableStatus(status));
    },
  };
}
