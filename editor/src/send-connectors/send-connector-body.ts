import { sendDrivers, type DriverField } from '../../../contract/send-drivers';
import type { SendConnector, SendDriverName } from '../api/types';

// The send connector form's values and the body they become. Each driver's fields come from its
// declaration in contract/send-drivers.ts; a `lines` field is edited as `Name: value` lines.
// Credentials are write-only: the form starts them empty and sends them only when typed.

export interface SendConnectorValues {
  name: string;
  driver: SendDriverName;
  defaultSender: string;
  ratePerSecond: number | string;
  settings: Record<string, string>;
  credentials: Record<string, string>;
  removeCredentials: boolean;
}

const fieldsOf = (fields: Readonly<Record<string, DriverField>>) => Object.entries(fields);

/** `{"X-A": "1"}` as the lines `X-A: 1`. */
const toLines = (value: unknown) =>
  value && typeof value === 'object'
    ? Object.entries(value as Record<string, string>)
        .map(([name, text]) => `${name}: ${text}`)
        .join('\n')
    : '';

/** `X-A: 1` lines as `{"X-A": "1"}`; a line without a colon is a name with an empty value (the API names it). */
export function fromLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) headers[line.trim()] = '';
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The settings' form values of a saved connector (or the defaults of `driver`). */
export function settingsValuesOf(driver: SendDriverName, saved?: Record<string, unknown>): Record<string, string> {
  const defaults = sendDrivers[driver].settings.safeParse({}).data as Record<string, unknown> | undefined;
  const source = saved ?? defaults ?? {};
  return Object.fromEntries(
    fieldsOf(sendDrivers[driver].settingsFields).map(([name, field]) => {
      const value = source[name] ?? (field.input === 'select' ? field.options?.[0] : undefined);
      return [name, field.input === 'lines' ? toLines(value) : value === undefined ? '' : String(value)];
    }),
  );
}

export const emptyCredentials = (driver: SendDriverName) =>
  Object.fromEntries(fieldsOf(sendDrivers[driver].credentialFields).map(([name]) => [name, '']));

export function valuesOf(connector: SendConnector | undefined): SendConnectorValues {
  const driver = connector?.driver ?? 'twilio';
  return {
    name: connector?.name ?? '',
    driver,
    defaultSender: connector?.defaultSender ?? '',
    ratePerSecond: connector?.ratePerSecond ?? 10,
    settings: settingsValuesOf(driver, connector?.settings),
    credentials: emptyCredentials(driver),
    removeCredentials: false,
  };
}

/** One group of fields' values as the API takes them: empty optional fields left out, lines as maps. */
function bodyOf(fields: Readonly<Record<string, DriverField>>, values: Record<string, string>) {
  const body: Record<string, unknown> = {};
  for (const [name, field] of fieldsOf(fields)) {
    const value = values[name] ?? '';
    if (field.input === 'lines') {
      if (value.trim() !== '') body[name] = fromLines(value);
    } else if (value !== '' || !field.schema.safeParse(undefined).success) body[name] = value;
  }
  return body;
}

/** Whether any credential was typed: only then are credentials sent (replacing the stored ones). */
export const credentialsTyped = (values: SendConnectorValues) =>
  Object.values(values.credentials).some((value) => value.trim() !== '');

export function sendConnectorBody(values: SendConnectorValues, saved: SendConnector | undefined) {
  const declaration = sendDrivers[values.driver];
  const credentials = credentialsTyped(values)
    ? { credentials: bodyOf(declaration.credentialFields, values.credentials) }
    : saved && values.removeCredentials
      ? { credentials: null }
      : {};
  return {
    name: values.name.trim(),
    ...(saved ? {} : { driver: values.driver }),
    settings: bodyOf(declaration.settingsFields, values.settings),
    defaultSender: values.defaultSender.trim() === '' ? null : values.defaultSender.trim(),
    ratePerSecond: Number(values.ratePerSecond),
    ...credentials,
  };
}

/** The form field an API error names: `settings.headers.X-A` is the headers field. */
export const formFieldOf = (field: string) => field.split('.').slice(0, 2).join('.');
