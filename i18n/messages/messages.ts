import type { Language } from '../languages';
import type { MessageShape } from './define-messages';
import { flowEditorMessages } from './flow-editor-messages';
import { languageMessages } from './language-messages';
import { routingApplicationsMessages } from './routing-applications-messages';

/**
 * The one message catalog: an area per file (`*-messages.ts`, English and German side by side),
 * joined here under its namespace. Keys are read as `t('area.key')`.
 */
const areas = {
  language: languageMessages,
  flowEditor: flowEditorMessages,
  routingApplications: routingApplicationsMessages,
} as const;

type Areas = typeof areas;
export type Messages = { readonly [A in keyof Areas]: MessageShape<Areas[A]['en']> };

function catalogIn(language: Language): Messages {
  return Object.fromEntries(Object.entries(areas).map(([name, area]) => [name, area[language]])) as Messages;
}

export const messages: Readonly<Record<Language, Messages>> = { en: catalogIn('en'), de: catalogIn('de') };
