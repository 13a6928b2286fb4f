import { describe, expect, it, vi } from 'vitest';
import {
  createMockServices,
  createWorkflowRunner,
  recipientNumber,
  sendSmsNode,
  validateWorkflow,
  type SmsMessage,
  type SmsSendResult,
} from '../../../workflows/index';
import { aGraph, anEffectContext, anSms, GROUP_A, GROUP_B, unusedServices } from '../fixtures';

const CONNECTOR = '0199a1b2-0000-7000-8000-00000000aa01';

function contextSending(answer: (message: SmsMessage) => Promise<SmsSendResult>, vars: Record<string, unknown> = {}) {
  const spy = vi.fn((message: SmsMessage, _step: { nodeId: string }) => answer(message));
  const context = anEffectContext({
    nodeId: 'reply',
    sms: anSms({ sender: '+4917012345678', text: 'Hello <b>{{vars.x}}</b>' }),
    vars,
    services: unusedServices({ sms: { send: spy } }),
  });
  return { spy, context };
}

describe('send_sms', () => {
  it('starts with a text, the sender as recipient, the SMS’s own send connector and sendError', () => {
    const config = sendSmsNode.config.parse({});
    expect(config).toMatchObject({ to: 'sms.sender', sendConnectorId: '', errorVariable: 'sendError' });
    expect(config.text.length).toBeGreaterThan(0);
  });

  it('sends the rendered text to the sender and leaves by "sent"', async () => {
    const { spy, context } = contextSending(async () => ({ sent: true }));
    const config = sendSmsNode.config.parse({ text: 'You wrote: {{sms.text}} (tier {{vars.tier}})' });
    const result = await sendSmsNode.run({ ...context, vars: { tier: 'vip' } }, config);
    expect(result).toEqual({ port: 'sent' });
    expect(spy).toHaveBeenCalledWith(
      // A placeholder's value is inserted as text: template syntax in the SMS is not evaluated again.
      { to: '+4917012345678', text: 'You wrote: Hello <b>{{vars.x}}</b> (tier vip)', sendConnectorId: null },
      { nodeId: 'reply' },
    );
  });

  it('sends to a number from a variable, through a chosen send connector', async () => {
    const { spy, context } = contextSending(async () => ({ sent: true }), { crm: { phone: '0049 30 1234-5678' } });
    const config = sendSmsNode.config.parse({ text: 'Hi', to: 'vars.crm.phone', sendConnectorId: CONNECTOR });
    expect(await sendSmsNode.run(context, config)).toEqual({ port: 'sent' });
    expect(spy.mock.calls[0]![0]).toEqual({ to: '+493012345678', text: 'Hi', sendConnectorId: CONNECTOR });
  });

  it('leaves by "error" with invalidRecipient when the variable holds no E.164 number, and sends nothing', async () => {
    for (const phone of ['030 1234567', '+0123456789', 'abc', undefined, { n: 1 }, '+49 170 1234567; +49170']) {
      const { spy, context } = contextSending(async () => ({ sent: true }), { phone });
      const config = sendSmsNode.config.parse({ text: 'Hi', to: 'vars.phone', errorVariable: 'why' });
      const result = await sendSmsNode.run(context, config);
      expect(result).toMatchObject({ port: 'error', vars: { why: 'invalidRecipient' } });
      expect(result.error).toContain('vars.phone');
      expect(spy).not.toHaveBeenCalled();
    }
  });

  it('passes any refusal reason of the send path into the variable, unchanged', async () => {
    for (const reason of ['noSendConnector', 'optedOut', 'sendConnectorUnusable', 'someReasonAddedLater']) {
      const { context } = contextSending(async () => ({ sent: false, reason, message: `refused: ${reason}` }));
      const result = await sendSmsNode.run(context, sendSmsNode.config.parse({ text: 'Hi' }));
      expect(result).toEqual({ port: 'error', vars: { sendError: reason }, error: `refused: ${reason}` });
    }
  });

  it('leaves by "error" with sendFailed when the message cannot be stored', async () => {
    const { context } = contextSending(() => Promise.reject(new Error('database gone')));
    const result = await sendSmsNode.run(context, sendSmsNode.config.parse({ text: 'Hi' }));
    expect(result).toMatchObject({ port: 'error', vars: { sendError: 'sendFailed' } });
    expect(result.error).toContain('database gone');
  });

  it('does not send a text that is empty once filled in', async () => {
    const { spy, context } = contextSending(async () => ({ sent: true }));
    const result = await sendSmsNode.run(context, sendSmsNode.config.parse({ text: '{{vars.nothing}}' }));
    expect(result).toMatchObject({ port: 'error', vars: { sendError: 'emptyText' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses configs that cannot work, per field', () => {
    const issues = (config: unknown) =>
      sendSmsNode.config.safeParse(config).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(issues({ text: '  ' })).toEqual(['text']);
    expect(issues({ text: '{{sms.secret}}' })).toEqual(['text']);
    expect(issues({ text: 'x'.repeat(1531) })).toEqual(['text']);
    expect(issues({ to: 'process.env' })).toEqual(['to']);
    expect(issues({ sendConnectorId: 'not-a-uuid' })).toEqual(['sendConnectorId']);
    expect(issues({ errorVariable: 'bad name' })).toEqual(['errorVariable']);
    expect(issues({ extra: 1 })).toEqual(['']);
  });

  it('reads numbers only in international format', () => {
    expect(recipientNumber('+49 (170) 123-45.67')).toBe('+491701234567');
    expect(recipientNumber('00491701234567')).toBe('+491701234567');
    expect(recipientNumber(491701234567)).toBeUndefined();
    expect(recipientNumber('01701234567')).toBeUndefined();
  });

  it('summarizes the recipient and the text in both languages', () => {
    const config = sendSmsNode.config.parse({ text: 'We are closed' });
    expect(sendSmsNode.summarize(config, 'en')).toBe('To the sender: "We are closed"');
    expect(sendSmsNode.summarize(config, 'de')).toBe('An den Absender: „We are closed“');
  });

  it('in a simulation is recorded, not sent, and a mocked refusal takes the error port', async () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['reply', 'send_sms', { text: 'Thanks {{sms.sender}}' }],
        ['sent', 'route_to_acd_group', { acdGroupId: GROUP_A }],
        ['failed', 'route_to_acd_group', { acdGroupId: GROUP_B }],
      ],
      [
        ['start', 'next', 'reply'],
        ['reply', 'sent', 'sent'],
        ['reply', 'error', 'failed'],
      ],
    );
    expect(validateWorkflow(graph, { acdGroupIds: new Set([GROUP_A, GROUP_B]) })).toEqual([]);
    const runner = createWorkflowRunner(graph);
    const services = createMockServices();
    expect((await runner.run(anSms(), services)).outcome).toMatchObject({ acdGroupId: GROUP_A });
    expect(services.sentSms).toEqual([
      { nodeId: 'reply', to: '+4917012345678', text: 'Thanks +4917012345678', sendConnectorId: null },
    ]);

    const refusing = createMockServices({ sms: { reply: { error: 'optedOut' } } });
    const refused = await runner.run(anSms(), refusing);
    expect(refused.outcome).toMatchObject({ acdGroupId: GROUP_B });
    expect(refused.trace.find((step) => step.nodeId === 'reply')).toMatchObject({
      port: 'error',
      vars: { sendError: 'optedOut' },
    });
    expect(refusing.sentSms).toEqual([]);
  });
});
