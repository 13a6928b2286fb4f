import { describe, expect, it } from 'vitest';
import type { SendConnector } from '../../editor/src/api/types';
import { fromLines, sendConnectorBody, valuesOf } from '../../editor/src/send-connectors/send-connector-body';

const saved = (fields: Partial<SendConnector>): SendConnector => ({
  id: 's1',
  clientId: 'k1',
  name: 'Gateway',
  driver: 'http',
  settings: {
    method: 'POST',
    url: 'https://gw.example/send',
    headers: { 'X-From': '{{from}}' },
    body: '{"text":"{{text}}"}',
    bodyType: 'json',
    messageIdPath: 'id',
  },
  hasCredentials: true,
  defaultSender: 'Acme',
  ratePerSecond: 5,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...fields,
});

// Credentials are write-only: the form sends them only when typed, or null when asked to remove them.
describe('the send connector form’s body', () => {
  it('keeps stored credentials by leaving them out, and shows headers as lines', () => {
    const connector = saved({});
    const values = valuesOf(connector);
    expect(values.settings.headers).toBe('X-From: {{from}}');
    expect(values.credentials).toEqual({ username: '', password: '', secretHeaders: '' });
    const body = sendConnectorBody(values, connector);
    expect(body).not.toHaveProperty('credentials');
    expect(body).not.toHaveProperty('driver');
    expect(body).toMatchObject({
      name: 'Gateway',
      defaultSender: 'Acme',
      ratePerSecond: 5,
      settings: { url: 'https://gw.example/send', headers: { 'X-From': '{{from}}' }, messageIdPath: 'id' },
    });
  });

  it('sends typed credentials, and null to remove them', () => {
    const connector = saved({});
    const typed = {
      ...valuesOf(connector),
      credentials: { username: '', password: '', secretHeaders: 'Authorization: Bearer x' },
    };
    expect(sendConnectorBody(typed, connector).credentials).toEqual({ secretHeaders: { Authorization: 'Bearer x' } });
    const removing = { ...valuesOf(connector), removeCredentials: true };
    expect(sendConnectorBody(removing, connector).credentials).toBeNull();
  });

  it('creates with the driver, leaving out empty optional settings', () => {
    const values = { ...valuesOf(undefined), name: ' Twilio ', settings: { accountSid: 'AC1', baseUrl: '' } };
    expect(sendConnectorBody(values, undefined)).toEqual({
      name: 'Twilio',
      driver: 'twilio',
      settings: { accountSid: 'AC1' },
      defaultSender: null,
      ratePerSecond: 10,
    });
  });

  it('reads header lines', () => {
    expect(fromLines('A: 1\n\n B : two: parts \nNoColon')).toEqual({ A: '1', B: 'two: parts', NoColon: '' });
  });
});
