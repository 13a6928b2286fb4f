import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import type { HttpRequest } from '../runtime/services';
import { escapeForJsonString, renderTemplate, type TemplateScope } from '../templates/render-template';
import { templateField, variableNameField } from './fields';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const httpRequestConfig = z.strictObject({
  method: z.enum(HTTP_METHODS).default('GET'),
  /** Values inserted into the URL are percent-encoded. */
  url: templateField('URL')
    .refine((url) => /^https?:\/\/[^/{}\s]+/i.test(url), {
      error: 'Start the URL with http:// or https:// and a host name without placeholders',
    })
    .default('https://'),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { error: 'Not a valid header name' }),
      templateField('Header value', 1_000),
    )
    .default({}),
  /** JSON; values inserted into it are escaped for a JSON string, so put placeholders inside quotes. */
  body: templateField('Body (JSON)', 20_000).default(''),
  timeoutMs: z.number().int().min(100).max(30_000).default(5_000).meta({ title: 'Timeout (ms)' }),
  /** The variable that keeps the JSON answer; empty keeps nothing. */
  saveAs: z.union([variableNameField('Save answer as'), z.literal('')]).default('response'),
});

export type HttpRequestConfig = z.output<typeof httpRequestConfig>;

export const httpRequestNode = defineNodeType({
  type: 'http_request',
  kind: 'effect',
  label: 'HTTP request',
  category: 'integration',
  description:
    'Calls a URL and keeps the JSON answer in a variable. Leaves by "success" on a 2xx answer, by "error" on ' +
    'any other status, a timeout or a network failure. Outbound hosts are restricted per client.',
  icon: 'globe',
  config: httpRequestConfig,
  ports: ['success', 'error'],
  summarize: (config) => `${config.method} ${config.url}`,
  async run(context, config) {
    const request = buildHttpRequest(config, context);
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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
