import { describe, expect, it, vi } from 'vitest';
import { sendEmailNode, type EmailMessage } from '../../../workflows/index';
import { anEffectContext, anSms, unusedServices } from '../fixtures';

const notify = sendEmailNode.config.parse({
  to: 'supervisor@example.com, backup@example.com',
  subject: 'STOP from {{sms.sender}}',
  text: 'Customer {{sms.sender}} wrote: {{sms.text}} ({{vars.tier}})',
});

function contextSending(send: (message: EmailMessage, step: { nodeId: string }) => Promise<void>) {
  const spy = vi.fn(send);
  const context = anEffectContext({
    nodeId: 'notify',
    sms: anSms({ sender: '+491701234', text: 'STOP please' }),
    vars: { tier: 'vip' },
    services: unusedServices({ email: { send: spy } }),
  });
  return { spy, context };
}

describe('send_email', () => {
  it('hands the rendered message to the e-mail service and goes on by "next"', async () => {
    const { spy, context } = contextSending(async () => {});
    expect(await sendEmailNode.run(context, notify)).toEqual({ port: 'next' });
    expect(spy).toHaveBeenCalledWith(
      {
        to: ['supervisor@example.com', 'backup@example.com'],
        subject: 'STOP from +491701234',
        text: 'Customer +491701234 wrote: STOP please (vip)',
      },
      { nodeId: 'notify' },
    );
  });

  it('keeps line breaks out of the subject (no header injection)', async () => {
    const { spy, context } = contextSending(async () => {});
    const config = sendEmailNode.config.parse({ to: 'a@example.com', subject: '{{sms.text}}' });
    await sendEmailNode.run({ ...context, sms: anSms({ text: 'Hi\r\nBcc: evil@example.com' }) }, config);
    expect(spy.mock.calls[0]![0].subject).toBe('Hi Bcc: evil@example.com');
  });

  it('still goes on, with the error in the trace, when the message cannot be stored', async () => {
    const { context } = contextSending(async () => {
      throw new Error('database unreachable');
    });
    expect(await sendEmailNode.run(context, notify)).toEqual({
      port: 'next',
      error: 'The e-mail could not be queued: database unreachable',
    });
  });

  it('refuses configurations without valid addresses, naming the bad one', () => {
    expect(sendEmailNode.config.safeParse({}).success).toBe(false);
    const bad = sendEmailNode.config.safeParse({ to: 'ok@example.com, not-an-address' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('"not-an-address" is not an e-mail address');
    expect(sendEmailNode.config.safeParse({ to: 'a@b.co; c@d.co' }).success).toBe(true);
  });

  it('defaults to the SMS text and sender', () => {
    const config = sendEmailNode.config.parse({ to: 'a@example.com' });
    expect(config.subject).toBe('SMS from {{sms.sender}}');
    expect(sendEmailNode.summarize(config, 'en')).toBe('To a@example.com: "SMS from {{sms.sender}}"');
    expect(sendEmailNode.summarize(config, 'de')).toBe('An a@example.com: „SMS from {{sms.sender}}“');
  });
});
