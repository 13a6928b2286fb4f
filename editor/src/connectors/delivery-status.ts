import type { MantineColor } from '@mantine/core';
import type { DeliveryOutcome } from '../api/types';

/** A status answered to a provider, colored by its class: accepted, refused, failed. */
export function statusColor(status: number): MantineColor {
  if (status >= 200 && status < 300) return 'teal';
  if (status >= 300 && status < 400) return 'blue';
  if (status >= 400 && status < 500) return 'orange';
  if (status >= 500) return 'red';
  return 'gray';
}

export const OUTCOME_COLOR: Record<DeliveryOutcome, MantineColor> = {
  accepted: 'teal',
  duplicate: 'gray',
  part_stored: 'blue',
  ignored: 'gray',
  refused: 'red',
};

export const STATUS_CLASSES = ['2xx', '4xx', '5xx'] as const;

/** The statuses the receivers answer, offered as filters beside those seen in the last 24 h. */
const COMMON_STATUSES = [200, 204, 400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 502, 503];

export function statusesToFilter(seen: readonly number[] = []): number[] {
  return [...new Set([...COMMON_STATUSES, ...seen])].sort((a, b) => a - b);
}
