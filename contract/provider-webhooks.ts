import type { NativeProvider } from './domain';

/** What a provider's webhook is, for the documentation and the web UI; the adapter (server/sms-receiver/providers/) does the rest. */
export interface ProviderWebhook {
  /** As the provider calls itself. */
  name: string;
  methods: ReadonlyArray<'GET' | 'POST'>;
  /** Whether it signs its webhooks (a connector of one that does not cannot check a signature). */
  signs: boolean;
  bodyContentTypes: readonly string[];
  /** What the provider gets when its SMS is stored. */
  answer: string;
  /** How refusals are answered, given what the provider retries. */
  refusals: string;
  /** The payload does not name the number the SMS was sent to: the webhook URL does, as `?receiver=`. */
  receiverInUrl?: true;
}

const standard =
  'Refusals as on /SMSReceiver: 400, 401 (token or signature), 404 (unknown number), 413, 500 (retry), 502.';

export const providerWebhooks: Readonly<Record<NativeProvider, ProviderWebhook>> = {
  twilio: {
    signs: true,
    name: 'Twilio',
    methods: ['POST', 'GET'],
    bodyContentTypes: ['application/x-www-form-urlencoded'],
    answer: 'An empty TwiML `<Response/>` as text/xml.',
    refusals: `${standard} Twilio does not retry a messaging webhook that answered an error.`,
  },
  vonage: {
    signs: true,
    name: 'Vonage',
    methods: ['POST', 'GET'],
    bodyContentTypes: ['application/x-www-form-urlencoded', 'application/json'],
    answer: '204, no body.',
    refusals:
      'Vonage resends anything but 200/204 for 24 hours: an unusable payload or an oversized one (no retry can help) is answered 200 and recorded as refused; an unknown number, a bad token or signature and a connector without target keep their 4xx/502 (the 24 hours give the admin time to fix it); 500 when storing failed.',
  },
  telnyx: {
    signs: true,
    name: 'Telnyx',
    methods: ['POST'],
    bodyContentTypes: ['application/json'],
    answer: '200, `{}`.',
    refusals: `${standard} Telnyx retries a failed webhook a few times only.`,
  },
  plivo: {
    signs: true,
    name: 'Plivo',
    methods: ['POST', 'GET'],
    bodyContentTypes: ['application/x-www-form-urlencoded'],
    answer: 'An empty `<Response/>` as application/xml.',
    refusals: standard,
  },
  sinch: {
    signs: true,
    name: 'Sinch',
    methods: ['POST'],
    bodyContentTypes: ['application/json'],
    answer: '200, no body.',
    refusals: `${standard} Sinch retries only 5xx and 429, so every 4xx is final.`,
  },
  messagebird: {
    signs: true,
    name: 'MessageBird',
    methods: ['GET', 'POST'],
    bodyContentTypes: ['application/x-www-form-urlencoded', 'application/json'],
    answer: '200, `OK`.',
    refusals: standard,
  },
  bird: {
    signs: true,
    name: 'Bird',
    methods: ['POST'],
    bodyContentTypes: ['application/json'],
    answer: '200, no body.',
    refusals: standard,
    receiverInUrl: true,
  },
  cm: {
    signs: false,
    name: 'CM.com',
    methods: ['POST'],
    bodyContentTypes: ['application/json'],
    answer: '200, no body.',
    refusals:
      'CM retries anything but exactly 200 every 5 minutes for a month: every refusal but a failed store (500) is answered 200 and recorded as refused in the delivery log.',
  },
};

/** Whether a connector of `provider` can check signatures (generic, the /SMSReceiver contract, signs nothing). */
export const providerSigns = (provider: NativeProvider | 'generic') =>
  provider !== 'generic' && providerWebhooks[provider].signs;
