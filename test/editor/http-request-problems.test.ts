import { describe, expect, it } from 'vitest';
import { aPlaceholderInTheHost } from '../workflows/fixtures';
import { createEditorStore } from '../../editor/src/routing/flow-editor/editor-store';

describe('the editor on an HTTP request node', () => {
  it('shows that placeholders may not appear in the host, in the words of the shared validator', () => {
    const store = createEditorStore(aPlaceholderInTheHost());
    expect(store.getState().problemsByNode.crm).toContainEqual(
      expect.objectContaining({
        code: 'config_invalid',
        field: 'url',
        message: expect.stringContaining('Placeholders may not appear in the host'),
      }),
    );
  });
});
