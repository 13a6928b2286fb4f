import type { ParseKeys } from 'i18next';
import type { EnglishMessages } from '../../../i18n/messages/messages';
import { i18n } from './setup-i18n';

type StatusGroup = keyof EnglishMessages['status'];

/**
 * The words for a value the API types only as `string` (a media event's state, a run's status):
 * the catalog's when it has them, else the value itself, so a new server value still shows.
 */
export function statusLabel(group: StatusGroup, value: string): string {
  const key = `status.${group}.${value}` as ParseKeys;
  return i18n.exists(key) ? (i18n.t(key) as string) : value;
}
