import { describe, expect, it } from 'vitest';
import { nodeTypeCatalog, nodeTypesAsData } from '../../../workflows/index';

describe('nodeTypesAsData', () => {
  const data = nodeTypesAsData();

  it('lists every node type once, in palette order, with snake_case ids', () => {
    expect(data.map((nodeType) => nodeType.type)).toEqual([
      'start',
      'switch',
      'business_hours',
      'percentage_split',
      'set_variables',
      'http_request',
      'send_email',
      'wait_for_reply',
      'send_sms',
      'acd_group_status',
      'route_to_acd_group',
      'drop',
    ]);
    expect(data.every((nodeType) => /^[a-z]+(_[a-z]+)*$/.test(nodeType.type))).toBe(true);
  });

  it('gives the ports of the default config, and none for terminal nodes', () => {
    const ports = Object.fromEntries(data.map((nodeType) => [nodeType.type, nodeType.ports]));
    expect(ports).toEqual({
      start: ['next'],
      switch: ['default'],
      business_hours: ['open', 'closed'],
      percentage_split: ['a', 'b'],
      set_variables: ['next'],
      http_request: ['success', 'error'],
      send_email: ['next'],
      wait_for_reply: ['reply', 'timeout'],
      send_sms: ['sent', 'error'],
      acd_group_status: ['available', 'unavailable'],
      route_to_acd_group: [],
      drop: [],
    });
    expect(data.filter((nodeType) => nodeType.terminal).map((nodeType) => nodeType.type)).toEqual([
      'route_to_acd_group',
      'drop',
    ]);
  });

  it('is plain JSON: a JSON Schema per config, and defaults the schema accepts', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    for (const nodeType of data) {
      expect(nodeType.configSchema).toMatchObject({ type: 'object' });
      expect(nodeType).toMatchObject({
        label: expect.any(String),
        description: expect.any(String),
        icon: expect.any(String),
      });
    }
  });

  it('describes config fields with titles, defaults and editor widgets', () => {
    const route = data.find((nodeType) => nodeType.type === 'route_to_acd_group')!;
    expect(route.configSchema).toMatchObject({
      additionalProperties: false,
      properties: {
        acdGroupId: { type: 'string', format: 'uuid', 'x-widget': 'acd-group' },
        subject: { type: 'string', default: 'SMS from {{sms.sender}}', 'x-widget': 'template' },
        priority: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
      },
    });
    expect(route.defaults).toEqual({ acdGroupId: '', subject: 'SMS from {{sms.sender}}', priority: 5 });
  });

  it('derives from the catalog declarations, so a caller cannot change them', () => {
    nodeTypesAsData()[0]!.label = 'changed';
    expect(nodeTypesAsData()[0]!.label).toBe(nodeTypeCatalog[0].label.en);
  });
});
