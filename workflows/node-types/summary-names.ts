import type { Language } from '../../i18n/languages';

/**
 * What a node's one-line summary may name besides its config: the client's ACD groups by id.
 * The editor knows them; without it (a log, a test) a group is named by the start of its id.
 */
export interface SummaryNames {
  /** The group's name, or undefined when the client has no such group (any more). */
  acdGroupName(acdGroupId: string): string | undefined;
}

/** How a summary names a group: its name, "a deleted group" when it is gone, the id's start without names. */
export function acdGroupWords(acdGroupId: string, language: Language, names: SummaryNames | undefined): string {
  if (names === undefined) return `${acdGroupId.slice(0, 8)}…`;
  const name = names.acdGroupName(acdGroupId);
  if (name !== undefined) return name;
  return { en: 'a deleted group', de: 'eine gelöschte Gruppe' }[language];
}
