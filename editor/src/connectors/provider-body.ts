import type { z } from 'zod';
import type { connectorPatchBody } from '../../../contract/connectors';
import type { Connector, Provider, SignatureCheck } from '../api/types';
import { deliversPartsSeparately, isSigning } from './providers';

/** The provider part of the connector form. */
export interface ProviderValues {
  provider: Provider;
  /** A secret typed in; empty keeps the saved one. */
  providerSecret: string;
  /** The admin chose to remove the saved secret. */
  removeSecret: boolean;
  /** The check chosen for when a secret is there (without one, signatures cannot be checked). */
  signatureCheck: SignatureCheck;
  multipartWindowSeconds: number | string;
}

type ProviderBody = Pick<
  z.input<typeof connectorPatchBody>,
  'provider' | 'providerSecret' | 'signatureCheck' | 'multipartWindowSeconds'
>;

export const MULTIPART_WINDOW = { min: 10, max: 86400, default: 300 } as const;

export function providerValuesOf(connector: Connector | undefined): ProviderValues {
  return {
    provider: connector?.provider ?? 'generic',
    providerSecret: '',
    removeSecret: false,
    // A connector without a secret answers `off`; the form offers `enforce` for when one is entered.
    signatureCheck: connector?.hasProviderSecret ? connector.signatureCheck : 'enforce',
    multipartWindowSeconds: connector?.multipartWindowSeconds ?? MULTIPART_WINDOW.default,
  };
}

/** Whether the connector will have a secret once saved. */
export function willHaveSecret(values: ProviderValues, connector: Connector | undefined): boolean {
  if (!isSigning(values.provider)) return false;
  if (values.providerSecret.trim() !== '') return true;
  return Boolean(connector?.hasProviderSecret) && !values.removeSecret;
}

/**
 * The provider fields of the request body. The secret is sent only when one was typed or the saved
 * one is removed (also when the new provider signs nothing: the server refuses a secret there).
 */
export function providerBody(values: ProviderValues, connector: Connector | undefined): ProviderBody {
  const typed = values.providerSecret.trim();
  const signs = isSigning(values.provider);
  // Moving to a provider that signs nothing drops the saved secret (the server refuses one there) and any typed one.
  const removing = Boolean(connector?.hasProviderSecret) && (signs ? values.removeSecret && typed === '' : true);
  const secret = signs && typed !== '' ? { providerSecret: typed } : removing ? { providerSecret: null } : {};
  return {
    provider: values.provider,
    ...secret,
    signatureCheck: willHaveSecret(values, connector) ? values.signatureCheck : 'off',
    ...(deliversPartsSeparately(values.provider)
      ? { multipartWindowSeconds: Number(values.multipartWindowSeconds) }
      : {}),
  };
}
