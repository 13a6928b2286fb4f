import { randomUUID } from 'node:crypto';
import type { DeliveryRecord, ArrivedRequest } from '../../server/delivery-log/delivery-record';
import { sentence } from '../../i18n/sentence';

/** A request to a receiver endpoint, GET without a body unless given. */
export function arrived(fields: Partial<ArrivedRequest> = {}): ArrivedRequest {
  return {
    method: 'GET',
    url: '/SMSReceiver?receiver=%2B4930111&sender=%2B4917011&message=hi',
    headers: new Headers({ 'user-agent': 'provider/1.0' }),
    body: undefined,
    secretNames: [],
    ...fields,
  };
}

/** An accepted delivery to `connectorId` unless the fields say otherwise. */
export function deliveryRecord(fields: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    receivedAt: new Date(),
    provider: 'generic',
    connectorId: null,
    clientId: null,
    status: 200,
    outcome: 'accepted',
    reason: sentence('delivery.accepted'),
    smsId: randomUUID(),
    clientAddress: '127.0.0.1',
    request: arrived(),
    ...fields,
  };
}

/** A refusal for a wrong token. */
export function refusal(fields: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return deliveryRecord({
    status: 401,
    outcome: 'refused',
    reason: sentence('delivery.badToken'),
    smsId: null,
    ...fields,
  });
}

export const form = (text: string) => new TextEncoder().encode(text);
