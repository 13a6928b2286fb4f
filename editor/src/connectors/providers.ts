import type { NativeProvider, Provider } from '../api/types';

/** A provider that signs its requests with a secret the admin copies from its console. */
export type SigningProvider = Exclude<NativeProvider, 'cm'>;

/** What the connector form asks per provider: keyed by the contract's list, so a new provider must be placed here. */
const FORM_OF: Record<Provider, { signs: boolean; partsSeparately: boolean }> = {
  generic: { signs: false, partsSeparately: true },
  twilio: { signs: true, partsSeparately: false },
  vonage: { signs: true, partsSeparately: true },
  telnyx: { signs: true, partsSeparately: false },
  plivo: { signs: true, partsSeparately: false },
  sinch: { signs: true, partsSeparately: true },
  messagebird: { signs: true, partsSeparately: false },
  bird: { signs: true, partsSeparately: false },
  // CM.com does not sign its inbound messages.
  cm: { signs: false, partsSeparately: false },
};

export function isSigning(provider: Provider): provider is SigningProvider {
  return FORM_OF[provider].signs;
}

/** Providers that deliver the parts of a long SMS one by one, so the connector waits for them. */
export const deliversPartsSeparately = (provider: Provider) => FORM_OF[provider].partsSeparately;
