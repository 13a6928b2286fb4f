import { describe, expect, it } from 'vitest';
import { parseSecretKey } from '../../../server/sms-sender/credential-cipher';
import { movesForward, parseDeliveryReport } from '../../../server/sms-sender/delivery-reports';
import { senderProblem } from '../../../server/sms-sender/enqueue-sms';
import { resendsAfterLostAnswer, smsBackoffMs } from '../../../server/sms-sender/outbox-worker';
import { statusCallbackUrl, vonageReportTokenMatches } from '../../../server/sms-sender/status-callback';

// The outbox's pure rules: reading each provider's report, moving only forwards, the backoff, what
// may be sent again after a lost answer, senders, and the status callback URLs.

const params = (fields: Record<string, string>) => new Map(Object.entries(fields));

describe('delivery reports', () => {
  it('reads Twilio, Vonage and Plivo statuses, the provider’s error with a failure', () => {
    expect(parseDeliveryReport('twilio', params({ MessageSid: 'SM1', MessageStatus: 'delivered' }))).toEqual({
      kind: 'report',
      report: { providerMessageId: 'SM1', providerStatus: 'delivered', status: 'delivered', error: null },
    });
    expect(
      parseDeliveryReport('twilio', params({ MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30003' })),
    ).toMatchObject({ report: { status: 'failed', error: 'Twilio reported undelivered, error code 30003' } });
    expect(parseDeliveryReport('twilio', params({ MessageSid: 'SM1', MessageStatus: 'sending' }))).toMatchObject({
      report: { status: null },
    });
    expect(
      parseDeliveryReport('vonage', params({ messageId: 'V1', status: 'rejected', 'err-code': '6' })),
    ).toMatchObject({ report: { status: 'failed', error: 'Vonage reported rejected, error code 6' } });
    expect(
      parseDeliveryReport('vonage', params({ messageId: 'V1', status: 'delivered', 'err-code': '0' })),
    ).toMatchObject({
      report: { status: 'delivered', error: null },
    });
    expect(parseDeliveryReport('vonage', params({ messageId: 'V1', status: 'buffered' }))).toMatchObject({
      report: { status: null },
    });
    expect(parseDeliveryReport('plivo', params({ MessageUUID: 'P1', Status: 'sent' }))).toMatchObject({
      report: { status: 'sent' },
    });
  });

  it('names the missing field of a report without its id or status', () => {
    expect(parseDeliveryReport('twilio', params({ MessageStatus: 'sent' }))).toEqual({
      kind: 'invalid',
      field: 'MessageSid',
    });
    expect(parseDeliveryReport('plivo', params({ MessageUUID: 'P1' }))).toEqual({ kind: 'invalid', field: 'Status' });
    expect(parseDeliveryReport('vonage', params({ messageId: 'x'.repeat(300), status: 'delivered' }))).toEqual({
      kind: 'invalid',
      field: 'messageId',
    });
  });

  it('moves a message only forwards; delivered and failed are final', () => {
    expect(movesForward('queued', 'sent')).toBe(true);
    expect(movesForward('sending', 'delivered')).toBe(true);
    expect(movesForward('sent', 'delivered')).toBe(true);
    expect(movesForward('sent', 'failed')).toBe(true);
    expect(movesForward('delivered', 'sent')).toBe(false);
    expect(movesForward('delivered', 'failed')).toBe(false);
    expect(movesForward('failed', 'delivered')).toBe(false);
    expect(movesForward('sent', 'sent')).toBe(false);
  });
});

describe('the outbox worker’s rules', () => {
  it('backs off exponentially with ±25 % jitter, capped at 10 minutes', () => {
    expect(smsBackoffMs(2000, 1, () => 0.5)).toBe(2000);
    expect(smsBackoffMs(2000, 3, () => 0.5)).toBe(8000);
    expect(smsBackoffMs(2000, 3, () => 0)).toBe(6000);
    expect(smsBackoffMs(2000, 3, () => 1)).toBe(10000);
    expect(smsBackoffMs(2000, 30, () => 0.5)).toBe(600_000);
  });

  it('sends again after a lost answer only through a generic gateway given the reference', () => {
    expect(resendsAfterLostAnswer('http', { headers: { 'Idempotency-Key': '{{reference}}' } })).toBe(true);
    expect(resendsAfterLostAnswer('http', { body: '{"to":"{{to}}"}' })).toBe(false);
    for (const driver of ['twilio', 'vonage', 'plivo']) expect(resendsAfterLostAnswer(driver, {})).toBe(false);
  });

  it('takes numbers, short codes and alphanumeric ids of up to 11 characters as senders', () => {
    expect(senderProblem('+4930999000', 'twilio')).toBeUndefined();
    expect(senderProblem('12345', 'vonage')).toBeUndefined();
    expect(senderProblem('Acme Parcel', 'plivo')).toBeUndefined();
    expect(senderProblem('Acme Parcels', 'plivo')).toMatchObject({ field: 'from' });
    expect(senderProblem('Acme!', 'http')).toMatchObject({ field: 'from' });
  });

  it('gives Twilio and Plivo their status URL, Vonage one with its token, the generic driver none', () => {
    const key = parseSecretKey('a'.repeat(64));
    const id = '0190c8e2-0000-7000-8000-000000000001';
    expect(statusCallbackUrl('https://sb.example/', 'twilio', id, key)).toBe(
      `https://sb.example/SMSReceiver/twilio/status/${id}`,
    );
    expect(statusCallbackUrl('https://sb.example', 'plivo', id, undefined)).toBe(
      `https://sb.example/SMSReceiver/plivo/status/${id}`,
    );
    expect(statusCallbackUrl('https://sb.example', 'http', id, key)).toBeUndefined();
    expect(statusCallbackUrl('https://sb.example', 'vonage', id, undefined)).toBeUndefined();
    const vonage = new URL(statusCallbackUrl('https://sb.example', 'vonage', id, key)!);
    expect(vonageReportTokenMatches(key, id, vonage.searchParams.get('token') ?? undefined)).toBe(true);
    expect(
      vonageReportTokenMatches(
        key,
        '0190c8e2-0000-7000-8000-000000000002',
        vonage.searchParams.get('token') ?? undefined,
      ),
    ).toBe(false);
  });
});
