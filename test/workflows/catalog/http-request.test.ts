import { describe, expect, it, vi } from 'vitest';
import { httpRequestNode, validateWorkflow, type HttpRequest } from '../../../workflows/index';
import { aGraph, anEffectContext, anSms, aPlaceholderInTheHost, unusedServices } from '../fixtures';

const crmLookup = httpRequestNode.config.parse({
  url: 'https://crm.example.com/customers?phone={{sms.sender}}',
  headers: { Authorization: 'Bearer abc', 'X-Text': '{{sms.text}}' },
  timeoutMs: 1500,
  saveAs: 'crm',
});

function contextAnswering(answer: () => Promise<{ status: number; json: unknown }>) {
  const http = vi.fn((_request: HttpRequest, _step: { nodeId: string }) => answer());
  const context = anEffectContext({
    nodeId: 'crm-node',
    sms: anSms({ sender: '+49 170 1234', text: 'Hi "you"' }),
    services: unusedServices({ http }),
  });
  return { http, context };
}

describe('http_request', () => {
  it('sends the rendered request through the injected http service', async () => {
    const { http, context } = contextAnswering(async () => ({ status: 200, json: {} }));
    await httpRequestNode.run(context, crmLookup);
    expect(http).toHaveBeenCalledWith(
      {
        method: 'GET',
        url: 'https://crm.example.com/customers?phone=%2B49%20170%201234',
        headers: { authorization: 'Bearer abc', 'x-text': 'Hi "you"' },
        body: undefined,
        timeoutMs: 1500,
      },
      { nodeId: 'crm-node' },
    );
  });

  it('leaves by "success" on a 2xx answer and keeps the JSON in the variable', async () => {
    const { context } = contextAnswering(async () => ({ status: 200, json: { tier: 'vip' } }));
    expect(await httpRequestNode.run(context, crmLookup)).toEqual({ port: 'success', vars: { crm: { tier: 'vip' } } });
  });

  it('keeps nothing when saveAs is empty', async () => {
    const { context } = contextAnswering(async () => ({ status: 204, json: null }));
    expect(await httpRequestNode.run(context, { ...crmLookup, saveAs: '' })).toEqual({ port: 'success' });
  });

  it('leaves by "error" on another status, saying which', async () => {
    const { context } = contextAnswering(async () => ({ status: 503, json: { message: 'down' } }));
    expect(await httpRequestNode.run(context, crmLookup)).toEqual({
      port: 'error',
      error: 'GET crm.example.com answered 503',
    });
  });

  it('leaves by "error" when the request fails or times out', async () => {
    const { context } = contextAnswering(() => Promise.reject(new Error('timed out after 1500 ms')));
    expect(await httpRequestNode.run(context, crmLookup)).toEqual({
      port: 'error',
      error: 'GET crm.example.com failed: timed out after 1500 ms',
    });
  });

  it('sends a JSON body with the values escaped, and says it is JSON', async () => {
    const { http, context } = contextAnswering(async () => ({ status: 201, json: {} }));
    const post = httpRequestNode.config.parse({
      method: 'POST',
      url: 'https://hooks.example.com/sms',
      body: '{"from":"{{sms.sender}}","text":"{{sms.text}}"}',
    });
    await httpRequestNode.run(context, post);
    const request = http.mock.calls[0]![0];
    expect(JSON.parse(request.body!)).toEqual({ from: '+49 170 1234', text: 'Hi "you"' });
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('requires an http(s) URL with a fixed host', () => {
    const fields = (url: string) =>
      httpRequestNode.config.safeParse({ url }).error?.issues.map((issue) => issue.path.join('.'));
    expect(fields('https://crm.example.com/x?q={{sms.text}}')).toBeUndefined();
    expect(fields('https://crm.example.com:8443?q={{sms.text}}#{{vars.x}}')).toBeUndefined();
    expect(fields('ftp://crm.example.com')).toEqual(['url']);
    expect(fields('https://{{vars.host}}/x')).toEqual(['url']);
    expect(fields('https://')).toEqual(['url']);
    expect(fields('https://crm example.com/')).toEqual(['url']);
  });

  it('refuses a host the server never calls, as its HTTP client refuses it, in both languages', () => {
    const message = (url: string) => httpRequestNode.config.safeParse({ url }).error?.issues[0]?.message;
    for (const [url, kind] of [
      ['http://localhost:8080/x', 'localhost is an internal address (loopback)'],
      ['https://crm.localhost/x', 'crm.localhost is an internal address (loopback)'],
      ['http://127.0.0.1/x?q={{sms.text}}', '127.0.0.1 is an internal address (loopback)'],
      ['http://2130706433/x', '127.0.0.1 is an internal address (loopback)'], // read as the URL parser reads it
      ['http://[::1]:9000/', '::1 is an internal address (loopback)'],
      ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is an internal address (cloud metadata)'],
      ['http://169.254.10.1/', '169.254.10.1 is an internal address (link-local)'],
      ['http://[fe80::1]/', 'fe80::1 is an internal address (link-local)'],
      ['http://0.0.0.0/', '0.0.0.0 is an internal address (unspecified)'],
    ] as const) {
      expect(message(url), url).toBe(`The server refuses this host: ${kind}, which workflows may never call`);
    }
    const issue = httpRequestNode.config.safeParse({ url: 'http://localhost/' }).error!.issues[0]!;
    expect(issue.path).toEqual(['url']);
    // Private networks may be on a client's allowed hosts, and names are checked when they resolve.
    for (const url of [
      'http://10.1.2.3/x',
      'http://192.168.0.10/',
      'https://crm.example.com/',
      'http://localhost.example.com/',
    ])
      expect(message(url), url).toBeUndefined();
  });

  it('refuses placeholders anywhere in the scheme and host part, saying so', () => {
    const message = (url: string) => httpRequestNode.config.safeParse({ url }).error?.issues[0]?.message;
    for (const url of [
      'http://crm.example.com{{sms.text}}/lookup',
      'http://crm.example.com{{sms.text}}',
      'https://{{vars.host}}/x',
      'https://crm.example.com:{{vars.port}}/x',
      'https://{{vars.user}}@crm.example.com/x',
      'https://crm.example.com{{sms.text}}?q=1',
      'https://crm.example.com{{sms.text}}\\path',
    ]) {
      expect(message(url), url).toMatch(/^Placeholders may not appear in the host/);
    }
    expect(message('{{vars.url}}')).toBe('Start the URL with http:// or https:// and a host name');
  });

  it('answers the same message as a problem of the workflow', () => {
    const problems = validateWorkflow(aPlaceholderInTheHost(), { acdGroupIds: new Set() });
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'config_invalid',
        nodeId: 'crm',
        field: 'url',
        message: expect.stringContaining('Placeholders may not appear in the host'),
      }),
    );
  });

  it('refuses a Host header: the host comes from the URL', () => {
    const result = httpRequestNode.config.safeParse({ url: 'https://crm.example.com/', headers: { Host: 'admin' } });
    expect(result.error?.issues[0]?.message).toBe('The Host header comes from the URL');
  });

  it('sends nothing and leaves by "error" when rendering would change the host', async () => {
    // A config that skipped the schema (the schema refuses this URL), as a stored one from before might.
    const unchecked = { ...crmLookup, url: 'http://crm.example.com{{sms.text}}/lookup' };
    const { http, context } = contextAnswering(async () => ({ status: 200, json: {} }));
    const attacked = { ...context, sms: anSms({ text: '.attacker.example' }) };
    expect(await httpRequestNode.run(attacked, unchecked)).toEqual({
      port: 'error',
      error:
        'GET crm.example.com.attacker.example refused: placeholders may not appear in the host: the host is fixed, ' +
        'placeholders go in the path or query after the first /',
    });
    expect(http).not.toHaveBeenCalled();
  });

  it('summarizes method and URL', () => {
    expect(httpRequestNode.summarize(crmLookup, 'en')).toBe(
      'GET https://crm.example.com/customers?phone={{sms.sender}}',
    );
  });

  it('flags a JSON body that is not JSON once filled in, whether its placeholders stand inside quotes or not', () => {
    const bodyIssue = (body: string, headers: Record<string, string> = {}) =>
      httpRequestNode.config
        .safeParse({ url: 'https://crm.example.com/x', method: 'POST', body, headers })
        .error?.issues.find((issue) => issue.path.join('.') === 'body')?.message;
    expect(bodyIssue('{"text": "{{sms.text}}", "count": {{vars.count}}}')).toBeUndefined();
    expect(bodyIssue('')).toBeUndefined();
    expect(bodyIssue('{"text": "{{sms.text}}",}')).toMatch(/^This is not valid JSON/);
    expect(bodyIssue('{text: {{sms.text}}}')).toMatch(/^This is not valid JSON/);
    expect(bodyIssue('{"a": 1}', { 'Content-Type': 'application/json; charset=utf-8' })).toBeUndefined();
    expect(bodyIssue('{"a": 1', { 'content-type': 'application/vnd.api+json' })).toMatch(/not valid JSON/);
    // Another format is the admin's to choose.
    expect(bodyIssue('name={{sms.sender}}', { 'Content-Type': 'application/x-www-form-urlencoded' })).toBeUndefined();
  });

  it('names the body as the form labels it in the problem, in English and German', () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['crm', 'http_request', { url: 'https://crm.example.com/x', method: 'POST', body: '{"a": }' }],
      ],
      [['start', 'next', 'crm']],
    );
    const [en] = validateWorkflow(graph, { acdGroupIds: new Set() }).filter((p) => p.code === 'config_invalid');
    expect(en).toMatchObject({ field: 'body', nodeId: 'crm' });
    expect(en!.message).toMatch(/^HTTP request "crm": Body \(JSON\): This is not valid JSON/);
    const [de] = validateWorkflow(graph, { acdGroupIds: new Set(), language: 'de' }).filter(
      (p) => p.code === 'config_invalid',
    );
    expect(de!.message).toMatch(/^HTTP-Anfrage „crm“: Inhalt \(JSON\): Das ist kein gültiges JSON/);
  });
});
