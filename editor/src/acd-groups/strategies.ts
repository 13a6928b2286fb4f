import type { AcdGroup } from '../api/types';
import { t } from '../i18n/setup-i18n';

type Strategy = AcdGroup['strategy'];

export const STRATEGIES: readonly Strategy[] = ['longest_idle', 'round_robin'];
export const strategyLabel = (strategy: Strategy): string => t(`status.strategy.${strategy}`);
export const strategyDescription = (strategy: Strategy): string => t(`status.strategyDescription.${strategy}`);
