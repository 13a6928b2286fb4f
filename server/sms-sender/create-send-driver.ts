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

/**
 * The driver of a send connector: its settings and decrypted credentials read by the driver's
 * declaration. A connector that cannot send (no credentials where its driver needs some, no key
 * to decrypt them with, settings stored by an older version that no longer parse) still gets a
 * driver: one whose every send fails, not retryable, saying why — so the caller handles one kind
 * of outcome.
 */
export function createSendDriver(
  row: SendConnectorRow,
  options: SendTransport & { secretKey: SecretKey | undefined },
): SendDriver {
  const declaration = sendDrivers[row.driver];
  const settings = declaration.settings.safeParse(row.settings);
  if (!settings.success) return unusable(row.driver, 'its settings are not valid; open and save the send connector');
  let stored: unknown = {};
  if (row.credentials_encrypted !== null) {
    if (options.secretKey === undefined)
      return unusable(row.driver, `its credentials cannot be read: ${SECRET_KEY_VARIABLE} is not set`);
    try {
      stored = JSON.parse(decryptSecret(options.secretKey, row.credentials_encrypted));
    } catch (error) {
      return unusable(row.driver, (error as Error).message);
    }
  }
  const credentials = declaration.credentials.safeParse(stored);
  if (!credentials.success) return unusable(row.driver, 'it has no credentials; enter them on the send connector');
  const build = builders[row.driver] as (
    c: { settings: unknown; credentials: unknown },
    t: SendTransport,
  ) => SendDriver;
  return build({ settings: settings.data, credentials: credentials.data }, options);
}

function unusable(driver: SendDriverName, why: string): SendDriver {
  const result = failed(`The send connector cannot send: ${why}`, false);
  return { driver, send: async () => result };
}
