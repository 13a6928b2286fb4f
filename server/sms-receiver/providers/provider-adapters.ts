import type { NativeProvider } from '../../../contract/domain';
import { birdAdapter } from './bird';
import { messagebirdAdapter } from './messagebird';
import type { ProviderAdapter } from './provider-adapter';
import { sinchAdapter } from './sinch';
import { telnyxAdapter } from './telnyx';

/** Every native provider's adapter, by the path segment it answers at (/SMSReceiver/<provider>). */
export const providerAdapters: Readonly<Record<NativeProvider, ProviderAdapter>> = {
  telnyx: telnyxAdapter,
  sinch: sinchAdapter,
  messagebird: messagebirdAdapter,
  bird: birdAdapter,
} as Record<NativeProvider, ProviderAdapter>;
