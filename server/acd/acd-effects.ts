/**
 * What a committed ACD change means for the rest of the system: groups whose queue or agents
 * changed (dispatch them again) and agents whose desk log grew (wake their streams).
 */
export interface AcdEffects {
  groups: Set<string>;
  desks: Set<string>;
  /** E-mail rows were written to the outbox. */
  mail: boolean;
}

export const noEffects = (): AcdEffects => ({ groups: new Set(), desks: new Set(), mail: false });
