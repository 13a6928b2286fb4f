import type { Localized } from '../../i18n/languages';

/** Colours from the editor's palette (Mantine's named colours), calm and distinguishable. */
export type NodeColor = 'teal' | 'violet' | 'cyan' | 'orange' | 'blue' | 'grape' | 'pink' | 'lime' | 'indigo' | 'red';

/** The palette's groups, in palette order: what they are called and the colour of their nodes. */
export const nodeCategories = {
  trigger: { label: { en: 'Trigger', de: 'Auslöser' }, color: 'teal' },
  logic: { label: { en: 'Logic', de: 'Logik' }, color: 'violet' },
  data: { label: { en: 'Data', de: 'Daten' }, color: 'cyan' },
  integration: { label: { en: 'Integration', de: 'Integration' }, color: 'orange' },
  routing: { label: { en: 'Routing', de: 'Routing' }, color: 'blue' },
} as const satisfies Record<string, { label: Localized; color: NodeColor }>;

export type NodeCategory = keyof typeof nodeCategories;
export const NODE_CATEGORIES = Object.keys(nodeCategories) as NodeCategory[];
