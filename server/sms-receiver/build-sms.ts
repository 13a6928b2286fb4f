import { toE164 } from '../../contract/phone-number';
import { uuid7 } from '../db/uuid7';
import type { CachedConnector } from './connector-cache';
import type { NewInboundSms } from './sms-store';

/** Where a connector sends what it receives: a media event of its group, or its routing application. */
export type Target = { status: 'routed'; acdGroupId: string } | { status: 'received' };

/** The connector's target, or undefined when it has none configured (answered 502). */
export function routeOf(connector: CachedConnector): Target | undefined {
  if (connector.routingType === 'direct_acd_group') {
    return connector.acdGroupId ? { status: 'routed', acdGroupId: connector.acdGroupId } : undefined;
  }
  return connector.routingApplicationId ? { status: 'received' } : undefined;
}

/** An SMS as it arrived, checked, before it is stored. */
export interface ArrivedSms {
  /** As sent: a number or an alphanumeric sender id. */
  sender: string;
  /** As the provider wrote it. */
  receiver: string;
  receiverNormalized: string;
  message: string;
  keyword: string | null;
  messageId: string | null;
  /** JSON text of the request's fields, without secrets. */
  raw: string;
  receivedAt?: Date;
  /** A multipart SMS joined from its parts: how many it has and how many arrived. */
  parts?: { total: number; received: number };
}

/** The sender as stored for matching: E.164 (national numbers read in the client's country), or as sent. */
export const normalizedSender = (connector: CachedConnector, sender: string) =>
  toE164(sender, connector.defaultCountry) ?? sender;

/** The row (and for a Direct ACD Group connector, its media event) an arrived SMS is stored as. */
export function buildSms(connector: CachedConnector, arrived: ArrivedSms, target: Target): NewInboundSms {
  const sender = arrived.sender.trim();
  return {
    id: uuid7(),
    clientId: connector.clientId,
    connectorId: connector.id,
    sender,
    senderNormalized: normalizedSender(connector, sender),
    receiver: arrived.receiver,
    receiverNormalized: arrived.receiverNormalized,
    message: arrived.message,
    keyword: arrived.keyword,
    messageId: arrived.messageId,
    status: target.status,
    routingApplicationId: connector.routingApplicationId,
    raw: arrived.raw,
    receivedAt: arrived.receivedAt ?? new Date(),
    partsTotal: arrived.parts?.total ?? null,
    partsReceived: arrived.parts?.received ?? null,
    mediaEvent:
      target.status === 'routed' ? { id: uuid7(), acdGroupId: target.acdGroupId, subject: connector.subject } : null,
  };
}
