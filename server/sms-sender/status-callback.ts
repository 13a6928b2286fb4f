import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../sms-receiver/providers/constant-time-equal';
import type { SendDriverName } from '../db/schema';
import type { SecretKey } from './credential-cipher';

/** The drivers whose providers send delivery reports to a URL given with each message. */
export const REPORTING_DRIVERS = ['twilio', 'vonage', 'plivo'] as const;
export type ReportingDriver = (typeof REPORTING_DRIVERS)[number];

export const isReportingDriver = (driver: SendDriverName): driver is ReportingDriver =>
  (REPORTING_DRIVERS as readonly string[]).includes(driver);

/** The path of a send connector's delivery reports, below the public URL. */
export const statusCallbackPath = (driver: ReportingDriver, sendConnectorId: string) =>
  `/SMSReceiver/${driver}/status/${sendConnectorId}`;

/**
 * Vonage signs the SMS API's delivery receipts only with an account's separate signature secret,
 * which a send connector does not hold; its callback URL carries a token instead: an HMAC of the
 * connector's id under SWITCHBOARD_SECRET_KEY (so it needs no storage and changes with the key).
 */
export function vonageReportToken(key: SecretKey, sendConnectorId: string): string {
  return createHmac('sha256', key.bytes).update(`vonage-dlr:${sendConnectorId}`).digest('base64url').slice(0, 32);
}

export function vonageReportTokenMatches(key: SecretKey, sendConnectorId: string, token: string | undefined): boolean {
  return token !== undefined && constantTimeEqual(token, vonageReportToken(key, sendConnectorId));
}

/**
 * Where the provider should report on a message of this connector (Twilio's StatusCallback,
 * Plivo's url, Vonage's callback), under `baseUrl` (SWITCHBOARD_PUBLIC_URL, or the address the
 * server listens on); undefined for the generic driver, and for Vonage without a secret key.
 */
export function statusCallbackUrl(
  baseUrl: string,
  driver: SendDriverName,
  sendConnectorId: string,
  key: SecretKey | undefined,
): string | undefined {
  if (!isReportingDriver(driver) || baseUrl === '') return undefined;
  const url = `${baseUrl.replace(/\/+$/, '')}${statusCallbackPath(driver, sendConnectorId)}`;
  if (driver !== 'vonage') return url;
  return key ? `${url}?token=${vonageReportToken(key, sendConnectorId)}` : undefined;
}
