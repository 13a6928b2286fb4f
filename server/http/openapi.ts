import { z } from 'zod';
import { apiError } from '../../contract/common';
import type { RouteDefinition, RouteResponse } from '../../contract/define-route';
import { pathParamsOf } from '../../contract/define-route';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** A documented route: its contract entry and the resource it is listed under. */
export type DocumentedRoute = RouteDefinition & { resource: string };

const ERROR_DESCRIPTION =
  'An error: {"error": "<sentence>", "field"?: "<name>"}; a delete refused because the object is in use (409) adds "usedBy": [{kind, id, name, usage}]';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  422: 'Unprocessable',
  503: 'Not ready',
};

/**
 * The OpenAPI document of the app, built from the HTTP contract (contract/): each route's
 * summary, parameters, body and answers come from the one declaration the server validates with.
 */
export function buildOpenApi(routes: readonly DocumentedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard admin API',
      version: '1',
      description:
        'JSON over HTTP under /api (and the provider endpoint /SMSReceiver). Ids are UUIDs, times ISO 8601 UTC. Lists answer {items, nextCursor}. Unknown body fields are refused (400).',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
        apiKey: { type: 'http', scheme: 'bearer' },
      },
      schemas: { Error: toSchema(apiError, 'output') },
    },
    security: [{ session: [] }, { apiKey: [] }],
    paths,
  };
}

function operationOf(route: DocumentedRoute) {
  const parameters = [
    ...pathParameters(route),
    ...objectParameters(route.query, 'query'),
    ...objectParameters(route.headers, 'header'),
  ];
  return {
    operationId: `${route.method} ${route.path}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.resource],
    ...(route.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: requestBodyOf(route.body, route.bodyContentTypes ?? ['application/json']) } : {}),
    responses: responsesOf(route),
  };
}

function pathParameters(route: RouteDefinition) {
  const declared = route.params ? toSchema(route.params, 'input').properties : undefined;
  return pathParamsOf(route.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    ...splitDescription(declared?.[name] ?? { type: 'string' }),
  }));
}

/** One parameter per property of a query or header schema. */
function objectParameters(schema: z.ZodObject | undefined, where: 'query' | 'header') {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: required.has(name),
    ...splitDescription(property),
  }));
}

/** OpenAPI wants a parameter's description beside its schema, not inside it. */
function splitDescription(property: JsonSchema) {
  const { description, ...schema } = property;
  return { ...(typeof description === 'string' ? { description } : {}), schema };
}

function requestBodyOf(body: z.ZodType, contentTypes: readonly string[]) {
  const schema = toSchema(body, 'input');
  return { required: true, content: Object.fromEntries(contentTypes.map((type) => [type, { schema }])) };
}

function responsesOf(route: RouteDefinition) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = describeResponse(Number(status), response);
  }
  for (const [status, when] of Object.entries(route.errors ?? {})) {
    responses[status] ??= {
      description: when,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  responses.default = {
    description: ERROR_DESCRIPTION,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  return responses;
}

function describeResponse(status: number, response: RouteResponse) {
  const description = STATUS_TEXT[status] ?? String(status);
  if (response === null) return { description };
  if (response instanceof z.ZodType) {
    return { description, content: { 'application/json': { schema: toSchema(response, 'output') } } };
  }
  return {
    description: response.description,
    content: { [response.contentType]: response.schema ? { schema: toSchema(response.schema, 'output') } : {} },
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

/** The readable page; `nonce` lets its one inline script run under the Content-Security-Policy. */
export function openApiPage(specUrl: string, nonce?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1f2933}
code{background:#f0f2f5;padding:0 .3em;border-radius:3px}h2{margin-top:2rem;font-size:1.1rem}
.op{border-left:3px solid #3b82f6;padding:.2rem .8rem;margin:.6rem 0}.op p{margin:.2rem 0}
summary{cursor:pointer;color:#52606d}pre{background:#f7f8fa;padding:.6rem;overflow:auto;font-size:12px}
table{border-collapse:collapse;font-size:13px}td{padding:.1rem .6rem .1rem 0;vertical-align:top}</style>
</head><body><h1>Switchboard admin API</h1><p>The machine-readable document is <a href="${specUrl}"><code>${specUrl}</code></a>.</p>
<div id="ops">Loading…</div><script${nonce ? ` nonce="${nonce}"` : ''}>
const add=(parent,tag,text,cls)=>{const e=document.createElement(tag);if(text!==undefined)e.textContent=text;if(cls)e.className=cls;parent.append(e);return e;};
const json=(parent,title,schema)=>{const d=add(parent,'details');add(d,'summary',title);add(d,'pre',JSON.stringify(schema,null,2));};
fetch(${JSON.stringify(specUrl)}).then(r=>r.json()).then(doc=>{const el=document.getElementById('ops');el.textContent='';
const byTag=new Map();for(const [path,ops] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(ops)){
const tag=(op.tags||['other'])[0];if(!byTag.has(tag))byTag.set(tag,[]);byTag.get(tag).push([method,path,op]);}}
for(const [tag,ops] of byTag){add(el,'h2',tag);for(const [method,path,op] of ops){const d=add(el,'div',undefined,'op');
add(d,'code',method.toUpperCase()+' '+path);if(op.summary)add(d,'p',op.summary);if(op.description)add(d,'p',op.description);
if(op.parameters?.length){const t=add(d,'table');for(const p of op.parameters){const r=add(t,'tr');add(r,'td').append(Object.assign(document.createElement('code'),{textContent:p.name}));
add(r,'td',p.in+(p.required?', required':''));add(r,'td',p.description||'');}}
const body=op.requestBody?.content;if(body){const c=Object.values(body)[0];json(d,'Request body ('+Object.keys(body).join(', ')+')',c.schema);}
for(const [status,res] of Object.entries(op.responses||{})){const c=res.content&&Object.values(res.content)[0];
if(c?.schema&&!c.schema.$ref)json(d,status+': '+res.description,c.schema);else add(d,'p',status+': '+res.description);}}}});
</script></body></html>`;
}
