import { describe, expect, it } from 'vitest';
import { configSchemaOf, findNodeType, nodeTypeCatalog } from '../../workflows';
import { defaultConfigOf, newNodeConfigOf } from '../../editor/src/routing/flow-editor/node-catalog';

describe('a node dropped onto the canvas', () => {
  it('starts with its texts in the UI language', () => {
    const route = findNodeType('route_to_acd_group')!;
    expect(newNodeConfigOf(route, 'de')).toMatchObject({ subject: 'SMS von {{sms.sender}}', priority: 5 });
    expect(newNodeConfigOf(route, 'en')).toEqual(defaultConfigOf(route));
    expect(newNodeConfigOf(findNodeType('drop')!, 'de')).toEqual({ reason: 'Vom Workflow verworfen' });
  });

  it('starts in English with exactly the schema defaults, for every field that declares its initial texts', () => {
    const declared = nodeTypeCatalog.flatMap((nodeType) =>
      Object.entries(configSchemaOf(nodeType).properties ?? {}).flatMap(([field, property]) =>
        property['x-ui']?.initial ? [{ field: `${nodeType.type}.${field}`, property }] : [],
      ),
    );
    expect(declared.length).toBeGreaterThanOrEqual(3);
    for (const { field, property } of declared)
      expect([field, property['x-ui']!.initial!.en]).toEqual([field, property.default]);
  });
});
