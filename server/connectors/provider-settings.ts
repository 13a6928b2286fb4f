import type { Selectable } from 'kysely';
import type { Provider, SignatureCheck, SmsConnectorTable } from '../db/schema';
import { fieldError, reason } from '../http/api-error';
import { providerSigns, providerWebhooks } from '../../contract/provider-webhooks';
import type { SecretKey } from '../sms-sender/credential-cipher';
import { openProviderSecret, sealProviderSecret } from './provider-secret';

type ProviderColumns = Selectable<Pick<SmsConnectorTable, 'provider' | 'provider_secret' | 'signature_check'>>;

interface ProviderFields {
  provider?: Provider | undefined;
  providerSecret?: string | null | undefined;
  signatureCheck?: SignatureCheck | undefined;
}

/**
 * The provider columns a create or PATCH leaves a connector with. A secret turns the check on
 * (`enforce`) unless the body says otherwise; removing the secret turns it off. A check without a
 * secret, or for a provider that signs nothing (the generic path, CM.com), is refused naming the field.
 */
export function providerSettingsAfter(
  existing: ProviderColumns | undefined,
  body: ProviderFields,
  key: SecretKey | undefined,
): ProviderColumns {
  const provider = body.provider ?? existing?.provider ?? 'generic';
  const stored = existing?.provider_secret ?? null;
  const secret = body.providerSecret !== undefined ? body.providerSecret : stored;
  const secretChanged = body.providerSecret !== undefined && !sameSecret(key, stored, body.providerSecret);
  const signatureCheck =
    body.signatureCheck ??
    (secretChanged || existing === undefined ? (secret ? 'enforce' : 'off') : existing.signature_check);
  if (!providerSigns(provider)) {
    const signsNothing = reason('providerSignsNothing', { provider });
    if (secret !== null) throw fieldError('providerSecret', signsNothing);
    if (signatureCheck !== 'off') throw fieldError('signatureCheck', signsNothing);
  } else if (signatureCheck !== 'off' && secret === null) {
    throw fieldError('providerSecret', reason('secretForSignatureCheck'));
  }
  const keep = secret === stored;
  return {
    provider,
    provider_secret: keep || secret === null ? secret : sealProviderSecret(key, secret),
    signature_check: signatureCheck,
  };
}

function sameSecret(key: SecretKey | undefined, stored: string | null, entered: string | null): boolean {
  if (stored === null || entered === null) return stored === entered;
  const opened = openProviderSecret(key, stored);
  return 'secret' in opened && opened.secret === entered;
}

/** The path a connector's provider delivers to, with the number when the provider's payload lacks it. */
export function webhookPath(provider: Provider, recipient: string): string {
  if (provider === 'generic') return '/SMSReceiver';
  const path = `/SMSReceiver/${provider}`;
  return providerWebhooks[provider].receiverInUrl ? `${path}?receiver=${encodeURIComponent(recipient)}` : path;
}
