import { describe, expect, it } from 'vitest';
import { withMessageStatus, type DeskConversation } from '../../editor/src/desk/desk-conversation-query';

const thread = (status: DeskConversation['messages'][number]['status']): DeskConversation => ({
  id: 'c1',
  clientId: 'client',
  connectorId: 'r1',
  ourNumber: '+49301112233',
  customerNumber: '+4915712345678',
  state: 'assigned',
  acdGroupId: 'g',
  agentId: 'a',
  lastAgentId: null,
  openedAt: '2026-12-03T10:00:00.000Z',
  lastMessageAt: '2026-12-03T10:01:00.000Z',
  closedAt: null,
  wrapUpCodeId: null,
  messages: [
    {
      id: 'in',
      direction: 'inbound',
      text: 'Hi',
      at: '2026-12-03T10:00:00.000Z',
      smsId: 'in',
      status: null,
      error: null,
      origin: null,
      agentId: null,
      agentName: null,
    },
    {
      id: 'out',
      direction: 'outbound',
      text: 'Hello',
      at: '2026-12-03T10:01:00.000Z',
      smsId: null,
      status,
      error: null,
      origin: 'agent',
      agentId: 'a',
      agentName: 'Anna',
    },
  ],
  earlier: [],
  canReply: true,
  cannotReplyReason: null,
  sendConnectorName: 'Twilio',
});

const change = (status: 'sent' | 'delivered' | 'failed', error: string | null = null) => ({
  conversationId: 'c1',
  messageId: 'out',
  status,
  error,
});

describe('a reply’s status on the desk', () => {
  it('moves the reply’s badge forwards with the provider’s words', () => {
    expect(withMessageStatus(thread('queued'), change('sent'))?.messages[1]).toMatchObject({ status: 'sent' });
    expect(
      withMessageStatus(thread('sent'), change('failed', 'Twilio reported undelivered'))?.messages[1],
    ).toMatchObject({ status: 'failed', error: 'Twilio reported undelivered' });
  });

  it('keeps a later status when an older event comes again (a resumed stream)', () => {
    expect(withMessageStatus(thread('delivered'), change('sent'))?.messages[1]).toMatchObject({ status: 'delivered' });
  });

  it('asks for the thread to be read again when it does not hold the reply yet', () => {
    expect(withMessageStatus(undefined, change('sent'))).toBeUndefined();
    expect(withMessageStatus(thread('queued'), { ...change('sent'), messageId: 'other' })).toBeUndefined();
  });
});
