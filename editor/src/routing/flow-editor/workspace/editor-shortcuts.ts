import { useEffect } from 'react';
import type { EditorStore } from '../editor-store';

/** Whether a key press goes to a field being typed in rather than to the canvas. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.nokey') !== null
  );
}

/** Delete, Ctrl+Z/Y, Ctrl+C/V and Ctrl+S, except while typing in a field (Ctrl+S saves even then). */
export function useEditorShortcuts(store: EditorStore, save: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        if (!store.getState().readOnly) save();
        return;
      }
      if (isTyping(event.target)) return;
      const state = store.getState();
      if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        state.deleteSelected();
      } else if (mod && key === 'z' && !event.shiftKey) {
        event.preventDefault();
        state.undo();
      } else if (mod && (key === 'y' || (key === 'z' && event.shiftKey))) {
        event.preventDefault();
        state.redo();
      } else if (mod && key === 'c') {
        state.copySelected();
      } else if (mod && key === 'v') {
        event.preventDefault();
        state.paste();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, save]);
}
