import { messages } from '../../../../i18n/messages/messages';
import { useLanguage } from '../../i18n/use-language';

export type FlowEditorWords = (typeof messages)['en']['flowEditor'];

/** The flow editor's own words in the UI's language, typed by the catalog. */
export function useFlowEditorWords(): FlowEditorWords {
  return messages[useLanguage()].flowEditor;
}

/** A message with its `{{name}}` slots filled; a slot without a value stays as written. */
export function fill(message: string, values: Readonly<Record<string, string | number>>): string {
  return message.replace(/\{\{(\w+)\}\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}
