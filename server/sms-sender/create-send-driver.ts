import type { Selectable } from 'kysely';
import { sendDrivers, type DriverConfigs } from '../../contract/send-drivers';
import type { SendDriverName, SmsSendConnectorTable } from '../db/schema';
import { decryptSecret, SECRET_KEY_VARIABLE, type SecretKey } from './credential-cipher';
import { httpDriver } from './http-driver';
import { plivoDriver } from './plivo-driver';
import { failed, type SendDriver, type SendTransport } from './send-driver';
import { twilioDriver } from './twilio-driver';
import { vonageDriver } from './vonage-driver';

/** What a driver is built from: a send connector's row (as stored). */
export type SendConnectorRow = Pick<Selectable<SmsSendConnectorTable>, 'driver' | 'settings' | 'credentials_encrypted'>;

const builders: { [D in SendDriverName]: (c: DriverConfigs[D], transport: SendTransport) => SendDriver } = {
  http: (c, t) => httpDriver(c.settings, c.credentials, t),
  twilio: (c, t) => twilioDriver(c.settings, c.credentials, t),
  vonage: (c, t) => vonageDriver(c.settings, c.credentials, t),
  plivo: (c, t) => plivoDriver(c.settings, c.credentials, t),
};

/** A send connector's settings and credentials as its driver reads them, or why it cannot send. */
export type ReadSendConnector =
  { usable: true; settings: unknown; credentials: unknown } | { usable: false; why: string };

/**
 * Reads a send connector's settings and decrypted credentials by its driver's declaration. It
 * cannot send with no credentials where its driver needs some, none that can be read without the
 * key, or settings stored by an older version that no longer parse.
 */
export function readSendConnector(row: SendConnectorRow, secretKey: SecretKey | undefined): ReadSendConnector {
  const declaration = sendDrivers[row.driver];
  const settings = declaration.settings.safeParse(row.settings);
  if (!settings.success) return { usable: false, why: 'its settings are not valid; open and save the send connector' };
  let stored: unknown = {};
  if (row.credentials_encrypted !== null) {
    if (secretKey === undefined)
      return { usable: false, why: `its credentials cannot be read: ${SECRET_KEY_VARIABLE} is not set` };
    try {
      stored = JSON.parse(decryptSecret(secretKey, row.credentials_encrypted));
    } catch (error) {
      return { usable: false, why: (error as Error).message };
    }
  }
  const credentials = declaration.credentials.safeParse(stored);
  if (!credentials.success) return { usable: false, why: 'it has no credentials; enter them on the send connector' };
  return { usable: true, settings: settings.data, credentials: credentials.data };
}

/**
 * The driver of a send connector (readSendConnector). One that cannot send still gets a driver:
 * one whose every send fails, not retryable, saying why — so the caller handles one kind of outcome.
 */
export function createSendDriver(
  row: SendConnectorRow,
  options: SendTransport & { secretKey: SecretKey | undefined },
): SendDriver {
  const read = readSendConnector(row, options.secretKey);
  if (!read.usable) return unusable(row.driver, read.why);
  const build = builders[row.driver] as (
    c: { settings: unknown; credentials: unknown },
    t: SendTransport,
  ) => SendDriver;
  return build({ settings: read.settings, credentials: read.credentials }, options);
}

function unusable(driver: SendDriverName, why: string): SendDriver {
  const result = failed(`The send connector cannot send: ${why}`, false);
  return { driver, send: async () => result };
}
