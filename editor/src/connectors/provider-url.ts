import type { Connector } from '../api/types';

/** The URL a provider calls to deliver an SMS to a connector (placeholders in braces are the provider's). */
export function providerUrl(origin: string, recipient: string, token?: string): string {
  const base = `${origin}/SMSReceiver?receiver=${encodeURIComponent(recipient)}&sender={sender}&message={message}`;
  return token === undefined ? base : `${base}&token=${encodeURIComponent(token)}`;
}

/** The webhook URL of a native provider's connector: its path, and the token when one is given. */
export function webhookUrl(origin: string, connector: Pick<Connector, 'webhookPath'>, token?: string): string {
  const base = `${origin}${connector.webhookPath}`;
  if (token === undefined) return base;
  return `${base}${base.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
