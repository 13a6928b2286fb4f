import { z } from 'zod';
import type { EnglishMessages } from '../i18n/messages/messages';
import { sentence, type MessageKey, type Sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import type { SendDriverName } from './domain';
import {
  BODY_TYPES,
  bodyTemplateProblem,
  ID_PATH,
  SEND_PLACEHOLDERS,
  unknownPlaceholder,
  urlTemplateProblem,
  type TemplateProblem,
} from './send-templates';

// The send drivers, declared once: for each, its settings (no secrets, answered) and its
// credentials (write-only, stored encrypted), each field with its schema and the catalog's words
// for the form, and whether it may send from an alphanumeric id. The API validates with these
// schemas, the web UI draws its form from the same fields, the server's drivers
// (server/sms-sender/) read what they parse to.

type FieldKey = keyof EnglishMessages['sendConnectors']['field'];
type DescriptionKey = keyof EnglishMessages['sendConnectors']['fieldDescription'];

/** How the web UI asks for a field. `lines` is a map of header name → value, one `Name: value` a line. */
export type FieldInput = 'text' | 'textarea' | 'select' | 'lines' | 'secret';

export interface DriverField<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly input: FieldInput;
  /** The choices of a `select`. */
  readonly options?: readonly string[];
  readonly label: MessageKey;
  readonly description?: MessageKey;
}

const field = <S extends z.ZodType>(
  name: FieldKey,
  schema: S,
  input: FieldInput,
  more: { options?: readonly string[]; description?: DescriptionKey } = {},
): DriverField<S> => ({
  schema,
  input,
  label: `sendConnectors.field.${name}`,
  ...(more.options ? { options: more.options } : {}),
  ...(more.description ? { description: `sendConnectors.fieldDescription.${more.description}` as const } : {}),
});

const problemSentence = (problem: TemplateProblem): Sentence =>
  problem.kind === 'unknownPlaceholder'
    ? sentence('sendConnectors.problem.unknownPlaceholder', {
        name: problem.name,
        known: SEND_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', '),
      })
    : sentence(`sendConnectors.problem.${problem.kind}`);

const refuse = (ctx: z.RefinementCtx, problem: TemplateProblem | undefined, path: PropertyKey[] = []) => {
  if (problem) ctx.addIssue({ code: 'custom', path, message: problem.kind, params: because(problemSentence(problem)) });
};

const urlTemplate = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, ctx) => refuse(ctx, urlTemplateProblem(value)));

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** A map of header name → value, at most 20; with `templates`, values may hold the placeholders. */
const headerMap = (templates: boolean) =>
  z.record(z.string(), z.string().max(2000)).superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > 20)
      ctx.addIssue({ code: 'too_big', maximum: 20, origin: 'array', inclusive: true, input: names, message: '' });
    for (const name of names) {
      if (!HEADER_NAME.test(name))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'headerName',
          params: because(sentence('sendConnectors.problem.headerName', { name: JSON.stringify(name) })),
        });
      else if (templates) refuse(ctx, unknownPlaceholder(headers[name]!), [name]);
      else if (/[\r\n]/.test(headers[name]!))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'line break',
          params: because(sentence('validation.invalid')),
        });
    }
  });

/** A provider's API root, replaced only for a self-hosted gateway or a test (the SSRF guard applies as to any URL). */
const baseUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
  .max(500)
  .transform((url) => url.replace(/\/+$/, ''))
  .optional();
const secret = z.string().trim().min(1).max(4000);
const baseUrlField = field('baseUrl', baseUrl, 'text', { description: 'baseUrl' });

/** One driver's declaration; `settings` and `credentials` parse to what its server-side driver reads. */
export interface SendDriverDeclaration<S extends z.ZodType = z.ZodType, C extends z.ZodType = z.ZodType> {
  readonly name: SendDriverName;
  readonly label: MessageKey;
  readonly settingsFields: Readonly<Record<string, DriverField>>;
  readonly credentialFields: Readonly<Record<string, DriverField>>;
  readonly settings: S;
  readonly credentials: C;
  /** Whether a sender may be an alphanumeric id (`Acme`) besides a number. */
  readonly alphanumericSender: boolean;
}

const schemasOf = <F extends Record<string, DriverField>>(fields: F) =>
  Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema])) as { [K in keyof F]: F[K]['schema'] };

// --- generic HTTP ----------------------------------------------------------------------------

export const HTTP_SEND_METHODS = ['GET', 'POST', 'PUT'] as const;

const httpSettingsFields = {
  method: field('method', z.enum(HTTP_SEND_METHODS).default('POST'), 'select', { options: HTTP_SEND_METHODS }),
  url: field('url', urlTemplate, 'text', { description: 'url' }),
  headers: field('headers', headerMap(true).default({}), 'lines', { description: 'headers' }),
  body: field('body', z.string().max(10_000).default(''), 'textarea', { description: 'body' }),
  bodyType: field('bodyType', z.enum(BODY_TYPES).default('json'), 'select', { options: BODY_TYPES }),
  messageIdPath: field(
    'messageIdPath',
    z
      .string()
      .trim()
      .max(200)
      .refine((path) => path === '' || ID_PATH.test(path), {
        message: 'idPath',
        params: because(sentence('sendConnectors.problem.idPath')),
      })
      .default(''),
    'text',
    { description: 'messageIdPath' },
  ),
};
export const httpSettings = z.strictObject(schemasOf(httpSettingsFields)).superRefine((settings, ctx) => {
  if (settings.method === 'GET') return;
  refuse(ctx, bodyTemplateProblem(settings.body, settings.bodyType), ['body']);
});
const httpCredentialFields = {
  username: field('username', secret.optional(), 'text'),
  password: field('password', secret.optional(), 'secret'),
  secretHeaders: field('secretHeaders', headerMap(false).optional(), 'lines', { description: 'secretHeaders' }),
};
export const httpCredentials = z.strictObject(schemasOf(httpCredentialFields));

// --- Twilio ----------------------------------------------------------------------------------

const twilioSettingsFields = {
  accountSid: field(
    'accountSid',
    z
      .string()
      .trim()
      .refine((sid) => /^AC[0-9a-fA-F]{32}$/.test(sid), {
        params: because(sentence('sendConnectors.problem.accountSid')),
      }),
    'text',
  ),
  baseUrl: baseUrlField,
};
const twilioCredentialFields = { authToken: field('authToken', secret, 'secret') };
export const twilioSettings = z.strictObject(schemasOf(twilioSettingsFields));
export const twilioCredentials = z.strictObject(schemasOf(twilioCredentialFields));

// --- Vonage ----------------------------------------------------------------------------------

const vonageSettingsFields = { baseUrl: baseUrlField };
const vonageCredentialFields = {
  apiKey: field('apiKey', secret, 'text'),
  apiSecret: field('apiSecret', secret, 'secret'),
};
export const vonageSettings = z.strictObject(schemasOf(vonageSettingsFields));
export const vonageCredentials = z.strictObject(schemasOf(vonageCredentialFields));

// --- Plivo -----------------------------------------------------------------------------------

const plivoSettingsFields = {
  authId: field(
    'authId',
    z
      .string()
      .trim()
      .refine((id) => /^[A-Za-z0-9]{10,40}$/.test(id), { params: because(sentence('sendConnectors.problem.authId')) }),
    'text',
  ),
  baseUrl: baseUrlField,
};
const plivoCredentialFields = { authToken: field('authToken', secret, 'secret') };
export const plivoSettings = z.strictObject(schemasOf(plivoSettingsFields));
export const plivoCredentials = z.strictObject(schemasOf(plivoCredentialFields));

/** Every driver by name. */
export const sendDrivers = {
  http: {
    name: 'http',
    label: 'sendConnectors.driverName.http',
    settingsFields: httpSettingsFields,
    credentialFields: httpCredentialFields,
    settings: httpSettings,
    credentials: httpCredentials,
    alphanumericSender: true,
  },
  twilio: {
    name: 'twilio',
    label: 'sendConnectors.driverName.twilio',
    settingsFields: twilioSettingsFields,
    credentialFields: twilioCredentialFields,
    settings: twilioSettings,
    credentials: twilioCredentials,
    // Twilio sends from an alphanumeric sender id in the countries that support one.
    alphanumericSender: true,
  },
  vonage: {
    name: 'vonage',
    label: 'sendConnectors.driverName.vonage',
    settingsFields: vonageSettingsFields,
    credentialFields: vonageCredentialFields,
    settings: vonageSettings,
    credentials: vonageCredentials,
    alphanumericSender: true,
  },
  plivo: {
    name: 'plivo',
    label: 'sendConnectors.driverName.plivo',
    settingsFields: plivoSettingsFields,
    credentialFields: plivoCredentialFields,
    settings: plivoSettings,
    credentials: plivoCredentials,
    alphanumericSender: true,
  },
} as const satisfies { [D in SendDriverName]: SendDriverDeclaration & { name: D } };

export type HttpSettings = z.output<typeof httpSettings>;
export type HttpCredentials = z.output<typeof httpCredentials>;
export type TwilioSettings = z.output<typeof twilioSettings>;
export type TwilioCredentials = z.output<typeof twilioCredentials>;
export type VonageSettings = z.output<typeof vonageSettings>;
export type VonageCredentials = z.output<typeof vonageCredentials>;
export type PlivoSettings = z.output<typeof plivoSettings>;
export type PlivoCredentials = z.output<typeof plivoCredentials>;

/** What each driver's settings and credentials parse to. */
export interface DriverConfigs {
  http: { settings: HttpSettings; credentials: HttpCredentials };
  twilio: { settings: TwilioSettings; credentials: TwilioCredentials };
  vonage: { settings: VonageSettings; credentials: VonageCredentials };
  plivo: { settings: PlivoSettings; credentials: PlivoCredentials };
}
