import { z } from 'zod';

export interface RouteInfo {
  method: string;
  path: string;
}

/**
 * The OpenAPI document of the app, derived from its router (so a new route appears without
 * anyone listing it) and from the zod schemas its handlers validate bodies with.
 */
export function buildOpenApi(routes: RouteInfo[], bodies: Record<string, z.ZodType>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.method === 'ALL' || route.path.endsWith('*')) continue; // middleware
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const key = `${route.method} ${route.path}`;
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const body = bodies[key];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: key,
      ...(parameters.length ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }) },
              },
            },
          }
        : {}),
      responses: {
        default: {
          description:
            'JSON; errors are {"error": "<sentence>", "field"?: "<name>"}; a delete refused because the object is in use (409) adds "usedBy": [{kind, id, name, usage}]',
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard admin API', version: '1' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
        apiKey: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { apiKey: [] }],
    paths,
  };
}

/** The readable page; `nonce` lets its one inline script run under the Content-Security-Policy. */
export function openApiPage(specUrl: string, nonce?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1f2933}
code{background:#f0f2f5;padding:0 .3em;border-radius:3px}h2{margin-top:2rem;font-size:1rem}
.op{border-left:3px solid #3b82f6;padding:.2rem .8rem;margin:.4rem 0}pre{background:#f7f8fa;padding:.6rem;overflow:auto;font-size:12px}</style>
</head><body><h1>Switchboard admin API</h1><p>The machine-readable document is <a href="${specUrl}"><code>${specUrl}</code></a>.</p>
<div id="ops">Loading…</div><script${nonce ? ` nonce="${nonce}"` : ''}>
fetch(${JSON.stringify(specUrl)}).then(r=>r.json()).then(doc=>{const el=document.getElementById('ops');el.textContent='';
for(const [path,ops] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(ops)){
const d=document.createElement('div');d.className='op';const h=document.createElement('code');h.textContent=method.toUpperCase()+' '+path;d.append(h);
const body=op.requestBody?.content?.['application/json']?.schema;if(body){const p=document.createElement('pre');p.textContent=JSON.stringify(body,null,2);d.append(p);}
el.append(d);}}});
</script></body></html>`;
}
