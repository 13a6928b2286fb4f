import type { NativeProvider } from '../../../contract/domain';
import type { ProviderAdapter } from './provider-adapter';

/** Every native provider's adapter, by the path segment it answers at (/SMSReceiver/<provider>). */
export const providerAdapters: Readonly<Record<NativeProvider, ProviderAdapter>> = {} as Record<
  NativeProvider,
  ProviderAdapter
>; // filled in when the adapters land
