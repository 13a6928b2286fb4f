import type { AcdGroup } from '../api/types';

export const STRATEGY_LABELS: Record<AcdGroup['strategy'], string> = {
  longest_idle: 'Longest idle first',
  round_robin: 'Round robin',
};

export const STRATEGY_DESCRIPTIONS: Record<AcdGroup['strategy'], string> = {
  longest_idle: 'The available member who has waited longest since their last SMS is asked first.',
  round_robin: 'Available members are asked in turn.',
};
