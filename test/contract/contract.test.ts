import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allRoutes, pathParamsOf } from '../../contract';
import { connectorApi } from '../../contract/connectors';
import { deliveryFieldAliases, smsReceiverApi } from '../../contract/sms-receiver';

describe('contract', () => {
  it('declares each route once', () => {
    const keys = allRoutes.map((route) => `${route.method} ${route.path}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('gives every route a one-sentence summary', () => {
    const unsaid = allRoutes.filter((route) => !/^[A-Z`].*\.$/.test(route.summary));
    expect(unsaid.map((route) => route.path)).toEqual([]);
  });

  it('declares the path parameters each path has, and no others', () => {
    const mismatched = allRoutes.filter((route) => {
      const declared = route.params ? Object.keys(route.params.shape).sort() : [];
      return JSON.stringify(declared) !== JSON.stringify(pathParamsOf(route.path).sort());
    });
    expect(mismatched.map((route) => route.path)).toEqual([]);
  });

  it('normalises a connector’s recipient to E.164 and refuses unknown fields', () => {
    const body = connectorApi.create.body;
    expect(body.parse({ name: 'x', recipient: '0049 123 123', routingType: 'direct_acd_group' })).toMatchObject({
      recipient: '+49123123',
      requireToken: true,
      subject: '',
    });
    expect(body.safeParse({ name: 'x', recipient: 'DHL', routingType: 'direct_acd_group' }).success).toBe(false);
    expect(body.safeParse({ name: 'x', recipient: '+49123', routingType: 'direct_acd_group', x: 1 }).success).toBe(
      false,
    );
  });

  it('lists every alias the SMS receiver accepts among its parameters', () => {
    const names = Object.keys(smsReceiverApi.get.query.shape);
    expect(names).toEqual(Object.values(deliveryFieldAliases).flat());
    expect(names).toEqual(expect.arrayContaining(['ziel', 'system', 'absender', 'data', 'smstext', 'MessageSid']));
    expect(z.toJSONSchema(smsReceiverApi.get.query).properties?.ziel).toMatchObject({
      description: 'Alias of `receiver`.',
    });
  });
});
