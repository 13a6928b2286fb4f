import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../workflows';
import { createEditorStore } from '../../editor/src/routing/flow-editor/editor-store';

describe('the editor on an HTTP request node', () => {
  it('shows that placeholders may not appear in the host, in the words of the shared validator', () => {
    const store = createEditorStore({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      nodes: [
        {
          id: 'crm',
          type: 'http_request',
          position: { x: 0, y: 0 },
          config: { url: 'http://crm.example.com{{sms.text}}/lookup' },
        },
      ],
      edges: [],
    });
    expect(store.getState().problemsByNode.crm).toContainEqual(
      expect.objectContaining({
        code: 'config_invalid',
        field: 'url',
        message: expect.stringContaining('Placeholders may not appear in the host'),
      }),
    );
  });
});
