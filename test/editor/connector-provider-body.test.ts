import { describe, expect, it } from 'vitest';
import type { Connector } from '../../editor/src/api/types';
import { providerBody, providerValuesOf, willHaveSecret } from '../../editor/src/connectors/provider-body';

const saved = (fields: Partial<Connector>): Connector => ({
  id: 'c1',
  clientId: 'k1',
  name: 'Hotline',
  recipient: '+49301234567',
  requireToken: true,
  tokenHint: 'abcd',
  routingType: 'direct_acd_group',
  acdGroupId: null,
  subject: '',
  routingApplicationId: null,
  provider: 'twilio',
  hasProviderSecret: true,
  signatureCheck: 'enforce',
  multipartWindowSeconds: 300,
  sendConnectorId: null,
  webhookPath: '/SMSReceiver/twilio',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...fields,
});

// The secret is write-only: the form sends it only when the admin typed one or removed it.
describe('the provider part of the connector form', () => {
  it('keeps a saved secret by leaving it out of the body', () => {
    const connector = saved({});
    expect(providerBody(providerValuesOf(connector), connector)).toEqual({
      provider: 'twilio',
      signatureCheck: 'enforce',
    });
  });

  it('sends a typed secret, trimmed, and checks signatures with it', () => {
    const values = { ...providerValuesOf(undefined), provider: 'twilio' as const, providerSecret: ' s3cret ' };
    expect(providerBody(values, undefined)).toEqual({
      provider: 'twilio',
      providerSecret: 's3cret',
      signatureCheck: 'enforce',
    });
  });

  it('removes the secret with null and turns the check off', () => {
    const connector = saved({ signatureCheck: 'log' });
    const values = { ...providerValuesOf(connector), removeSecret: true };
    expect(willHaveSecret(values, connector)).toBe(false);
    expect(providerBody(values, connector)).toEqual({
      provider: 'twilio',
      providerSecret: null,
      signatureCheck: 'off',
    });
  });

  it('drops the secret when the connector moves to a provider that signs nothing', () => {
    const connector = saved({});
    for (const provider of ['generic', 'cm'] as const) {
      const body = providerBody({ ...providerValuesOf(connector), provider, providerSecret: 'typed' }, connector);
      expect(body).toMatchObject({ provider, providerSecret: null, signatureCheck: 'off' });
    }
  });

  it('sends no secret and no check for a new connector without one', () => {
    expect(providerBody({ ...providerValuesOf(undefined), provider: 'telnyx' }, undefined)).toEqual({
      provider: 'telnyx',
      signatureCheck: 'off',
    });
  });

  it('sends the multipart window only for providers that deliver the parts one by one', () => {
    const values = { ...providerValuesOf(undefined), multipartWindowSeconds: '600' };
    expect(providerBody({ ...values, provider: 'vonage' }, undefined).multipartWindowSeconds).toBe(600);
    expect(providerBody({ ...values, provider: 'generic' }, undefined).multipartWindowSeconds).toBe(600);
    expect(providerBody({ ...values, provider: 'twilio' }, undefined)).not.toHaveProperty('multipartWindowSeconds');
  });
});
