import type { Selectable } from 'kysely';
import { toE164 } from '../../contract/phone-number';
import { driverCredentialsBody, driverSettingsBody } from '../../contract/send-connectors';
import { sendDrivers } from '../../contract/send-drivers';
import type { SendDriverName, SmsSendConnectorTable } from '../db/schema';
import { ApiError, fieldError, reason } from '../http/api-error';
import { validate } from '../http/parse-body';
import { sentence } from '../../i18n/sentence';
import { encryptSecret, type SecretKey } from './credential-cipher';

// What a create or PATCH of a send connector stores: its settings checked against its driver, its
// credentials checked and encrypted, its sender checked. Refusals name the body's field.

type Columns = Pick<
  Selectable<SmsSendConnectorTable>,
  'driver' | 'settings' | 'credentials_encrypted' | 'default_sender'
>;

interface Body {
  driver?: SendDriverName | undefined;
  settings?: Record<string, unknown> | undefined;
  credentials?: Record<string, unknown> | null | undefined;
  defaultSender?: string | null | undefined;
}

/**
 * The driver columns after `body` (on `existing`, for a PATCH). A change of driver needs its
 * settings, and drops the old credentials unless new ones are given. Credentials without a key are
 * refused with 422: they could only be stored in plain text.
 */
export function sendConnectorColumns(
  existing: Columns | undefined,
  body: Body,
  secretKey: SecretKey | undefined,
): Columns {
  const driver = body.driver ?? existing?.driver ?? 'http';
  const driverChanged = existing !== undefined && driver !== existing.driver;
  const rawSettings = body.settings ?? (driverChanged || existing === undefined ? {} : existing.settings);
  const settings = validate(driverSettingsBody(driver), { settings: rawSettings }).settings as Record<string, unknown>;
  let credentials = existing?.credentials_encrypted ?? null;
  if (body.credentials === null || (driverChanged && body.credentials === undefined)) credentials = null;
  else if (body.credentials !== undefined) {
    if (secretKey === undefined)
      throw new ApiError(
        422,
        sentence('validation.field', { field: 'credentials', reason: reason('secretKeyMissing') }),
        'credentials',
      );
    const parsed = validate(driverCredentialsBody(driver), { credentials: body.credentials }).credentials;
    credentials = encryptSecret(secretKey, JSON.stringify(parsed));
  }
  const defaultSender =
    body.defaultSender !== undefined ? checkedSender(driver, body.defaultSender) : (existing?.default_sender ?? null);
  return { driver, settings, credentials_encrypted: credentials, default_sender: defaultSender };
}

/** An alphanumeric sender id: 1–11 letters, digits and spaces, at least one letter (as GSM networks take them). */
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/** A sender as stored: a number in E.164, or an alphanumeric id where the driver allows one. */
function checkedSender(driver: SendDriverName, sender: string | null): string | null {
  if (sender === null) return null;
  const number = /^[+0-9][0-9 ()/.-]*$/.test(sender) ? toE164(sender) : null;
  if (number !== null) return number;
  const allowsAlphanumeric = sendDrivers[driver].alphanumericSender;
  if (allowsAlphanumeric && ALPHANUMERIC_SENDER.test(sender)) return sender;
  throw fieldError(
    'defaultSender',
    allowsAlphanumeric ? reason('alphanumericSender') : reason('numberSender', { driver }),
  );
}
