import type { DeskEventKind } from '../../contract/desk';

/** A desk event committed by this instance, as written to the agent's log. */
export interface LoggedDeskEvent {
  agentId: string;
  seq: number;
  kind: DeskEventKind;
  payload: unknown;
}

/**
 * What a committed ACD change means for the rest of the system: groups whose queue or agents
 * changed (dispatch them again) and agents whose desk log grew (wake their streams), with the
 * events this instance wrote, so its own streams need not read them back.
 */
export interface AcdEffects {
  groups: Set<string>;
  desks: Set<string>;
  logged: LoggedDeskEvent[];
  /** E-mail rows were written to the outbox. */
  mail: boolean;
}

export const noEffects = (): AcdEffects => ({ groups: new Set(), desks: new Set(), logged: [], mail: false });

/** Records desk events written in the transaction whose effects these are. */
export function deskLogged(effects: AcdEffects, events: LoggedDeskEvent[]): void {
  for (const event of events) {
    effects.desks.add(event.agentId);
    effects.logged.push(event);
  }
}

/** Adds the effects of another committed transaction. */
export function mergeEffects(into: AcdEffects, from: AcdEffects): void {
  for (const group of from.groups) into.groups.add(group);
  for (const desk of from.desks) into.desks.add(desk);
  into.logged.push(...from.logged);
  into.mail ||= from.mail;
}
