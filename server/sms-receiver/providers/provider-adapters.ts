import type { NativeProvider } from '../../../contract/domain';
import { birdAdapter } from './bird';
import { cmAdapter } from './cm';
import { messagebirdAdapter } from './messagebird';
import { plivoAdapter } from './plivo';
import type { ProviderAdapter } from './provider-adapter';
import { sinchAdapter } from './sinch';
import { telnyxAdapter } from './telnyx';
import { twilioAdapter } from './twilio';
import { vonageAdapter } from './vonage';

/** Every native provider's adapter, by the path segment it answers at (/SMSReceiver/<provider>). */
export const providerAdapters: Readonly<Record<NativeProvider, ProviderAdapter>> = {
  twilio: twilioAdapter,
  vonage: vonageAdapter,
  telnyx: telnyxAdapter,
  plivo: plivoAdapter,
  sinch: sinchAdapter,
  messagebird: messagebirdAdapter,
  bird: birdAdapter,
  cm: cmAdapter,
};
