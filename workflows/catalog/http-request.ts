import { z } from 'zod';
import type { Localized } from '../../i18n/languages';
import { canonicalHost, neverAllowed } from '../addresses/never-allowed';
import { says, saying } from '../node-types/check-words';
import { defineNodeType } from '../node-types/define-node-type';
import type { HttpRequest } from '../runtime/services';
import { escapeForJsonString, placeholdersIn, renderTemplate, type TemplateScope } from '../templates/render-template';
import { templateField, variableNameField } from './fields';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The scheme and authority of a URL: up to the first `/`, `?`, `#` or `\` (which URLs read as `/`). */
const URL_START = /^(https?:\/\/)([^/?#\\]*)/i;
const NO_HOST: Localized = {
  en: 'Start the URL with http:// or https:// and a host name',
  de: 'Beginnen Sie die URL mit http:// oder https:// und einem Hostnamen',
};
const PLACEHOLDER_IN_HOST: Localized = {
  en: 'Placeholders may not appear in the host: the host is fixed, placeholders go in the path or query after the first /',
  de: 'Im Host dürfen keine Platzhalter stehen: Der Host ist fest, Platzhalter gehören in Pfad oder Query nach dem ersten /',
};

/** What the server's HTTP client says of the address kinds no workflow may call, in German. */
const NEVER_KIND_DE: Record<string, string> = {
  loopback: 'Loopback',
  'link-local': 'Link-local',
  'cloud metadata': 'Cloud-Metadaten',
  unspecified: 'unspezifiziert',
  'this network': 'dieses Netz',
  multicast: 'Multicast',
  reserved: 'reserviert',
};

/**
 * Why the URL template does not name a fixed http(s) host the server will call, if it does not. A
 * host that is a name of this machine or a literal address no workflow may reach is refused here
 * as the server's HTTP client refuses it (`neverAllowed`); other names are checked when they resolve.
 */
function urlTemplateProblem(template: string): Localized | undefined {
  const start = URL_START.exec(template);
  if (start === null) return NO_HOST;
  if (/[{}]/.test(start[2]!)) return PLACEHOLDER_IN_HOST;
  const origin = fixedOrigin(template);
  if (origin === undefined) return NO_HOST;
  const host = canonicalHost(new URL(origin).hostname);
  const never = neverAllowed(host);
  if (never === undefined) return undefined;
  return {
    en: `The server refuses this host: ${host} is an internal address (${never.kind}), which workflows may never call`,
    de: `Der Server lehnt diesen Host ab: ${host} ist eine interne Adresse (${NEVER_KIND_DE[never.kind] ?? never.kind}), die Workflows nie aufrufen dürfen`,
  };
}

/** The scheme, host and port every rendering of the URL template goes to; none if placeholders could change them. */
function fixedOrigin(template: string): string | undefined {
  const start = URL_START.exec(template);
  if (start === null || /[{}]/.test(start[2]!)) return undefined;
  return originOf(start[0]);
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.hostname === '' ? undefined : parsed.origin;
  } catch {
    return undefined;
  }
}

const httpRequestFields = z.strictObject({
  method: z
    .enum(HTTP_METHODS)
    .default('GET')
    .meta({ ui: { title: { en: 'Method', de: 'Methode' } } }),
  /**
   * The host is fixed; placeholders go in the path, query or fragment, and the values inserted
   * there are percent-encoded, so an SMS cannot change where the request goes.
   */
  url: templateField({ title: { en: 'URL', de: 'URL' } })
    .superRefine((url, ctx) => {
      const problem = urlTemplateProblem(url);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', ...saying(problem) });
    })
    .default('https://'),
  headers: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, {
          error: says({ en: 'Not a valid header name', de: 'Kein gültiger Header-Name' }),
        })
        .meta({ ui: { title: { en: 'Header name', de: 'Header-Name' } } }),
      templateField({ title: { en: 'Header value', de: 'Header-Wert' } }, 1_000),
    )
    .superRefine((headers, ctx) => {
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase() === 'host')
          ctx.addIssue({
            code: 'custom',
            path: [name],
            ...saying({ en: 'The Host header comes from the URL', de: 'Der Host-Header kommt aus der URL' }),
          });
      }
    })
    .default({})
    .meta({
      ui: {
        title: { en: 'Headers', de: 'Header' },
        item: {
          name: { en: 'header', de: 'Header' },
          empty: { en: 'No headers.', de: 'Keine Header.' },
          newKey: 'X-Header',
        },
      },
    }),
  /** JSON; values inserted into it are escaped for a JSON string, so put placeholders inside quotes. */
  body: templateField({ title: { en: 'Body (JSON)', de: 'Inhalt (JSON)' }, rows: 3 }, 20_000).default(''),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(30_000)
    .default(5_000)
    .meta({ ui: { title: { en: 'Timeout (ms)', de: 'Zeitlimit (ms)' } } }),
  /** The variable that keeps the JSON answer; empty keeps nothing. */
  saveAs: z
    .union([variableNameField({ en: 'Save answer as', de: 'Antwort speichern als' }), z.literal('')])
    .default('response'),
});

const httpRequestConfig = httpRequestFields.superRefine(checkJsonBody);

export type HttpRequestConfig = z.output<typeof httpRequestConfig>;

/**
 * A body sent as JSON (no Content-Type, or a JSON one) has to be JSON once filled in. Each
 * placeholder is tried as `0`, which is JSON inside quotes ("{{sms.text}}") and outside them
 * ({{vars.count}}) alike, so only the text around the placeholders is judged.
 */
function checkJsonBody(config: z.output<typeof httpRequestFields>, ctx: z.RefinementCtx): void {
  if (config.body.trim() === '') return;
  const contentType = Object.entries(config.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (contentType !== undefined && !/json/i.test(contentType)) return;
  let filled = '';
  let copied = 0;
  for (const { start, end } of placeholdersIn(config.body)) {
    filled += `${config.body.slice(copied, start)}0`;
    copied = end;
  }
  filled += config.body.slice(copied);
  try {
    JSON.parse(filled);
  } catch {
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      ...saying({
        en: 'This is not valid JSON (check quotes, commas and braces; text placeholders go inside quotes: "{{sms.text}}"), or set a Content-Type header for another format',
        de: 'Das ist kein gültiges JSON (prüfen Sie Anführungszeichen, Kommas und Klammern; Text-Platzhalter stehen in Anführungszeichen: "{{sms.text}}"), oder setzen Sie einen Content-Type-Header für ein anderes Format',
      }),
    });
  }
}

export const httpRequestNode = defineNodeType({
  type: 'http_request',
  kind: 'effect',
  label: { en: 'HTTP request', de: 'HTTP-Anfrage' },
  category: 'integration',
  description: {
    en:
      'Calls a URL and keeps the JSON answer in a variable. Leaves by "success" on a 2xx answer, by "error" on ' +
      'any other status, a timeout or a network failure. Outbound hosts are restricted per client.',
    de:
      'Ruft eine URL auf und behält die JSON-Antwort in einer Variable. Geht bei einer 2xx-Antwort über „Erfolg“ ' +
      'weiter, bei jedem anderen Status, einer Zeitüberschreitung oder einem Netzwerkfehler über „Fehler“. ' +
      'Ausgehende Hosts sind je Mandant beschränkt.',
  },
  icon: 'globe',
  config: httpRequestConfig,
  ports: ['success', 'error'],
  portLabels: { success: { en: 'success', de: 'Erfolg' }, error: { en: 'error', de: 'Fehler' } },
  summarize: (config) => `${config.method} ${config.url}`,
  async run(context, config) {
    const request = buildHttpRequest(config, context);
    const refused = changedOrigin(config.url, request.url);
    if (refused !== undefined) return { port: 'error', error: `${request.method} ${refused}` };
    try {
      const response = await context.services.http(request, { nodeId: context.nodeId });
      if (response.status < 200 || response.status > 299) {
        return { port: 'error', error: `${request.method} ${hostOf(request.url)} answered ${response.status}` };
      }
      return { port: 'success', vars: config.saveAs === '' ? undefined : { [config.saveAs]: response.json } };
    } catch (error) {
      return { port: 'error', error: `${request.method} ${hostOf(request.url)} failed: ${messageOf(error)}` };
    }
  },
});

export function buildHttpRequest(config: HttpRequestConfig, scope: TemplateScope): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers))
    headers[name.toLowerCase()] = renderTemplate(value, scope);
  const body = config.body === '' ? undefined : renderTemplate(config.body, scope, escapeForJsonString);
  if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  return {
    method: config.method,
    url: renderTemplate(config.url, scope, encodeURIComponent),
    headers,
    body,
    timeoutMs: config.timeoutMs,
  };
}

/**
 * Why the rendered URL may not be called: its scheme, host or port differ from the template's. The
 * config schema already refuses templates where that could happen; this holds for any config.
 */
function changedOrigin(template: string, rendered: string): string | undefined {
  const expected = fixedOrigin(template);
  if (expected === undefined)
    return `${hostOf(rendered)} refused: ${lowerFirst((urlTemplateProblem(template) ?? NO_HOST).en)}`;
  if (originOf(rendered) === expected) return undefined;
  return `${hostOf(expected)} refused: filling in the placeholders changed the host to ${hostOf(rendered)}; placeholders may only appear in the path or query`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
