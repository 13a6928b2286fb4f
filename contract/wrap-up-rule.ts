// What closing a conversation asks for: whether its ACD group requires a wrap-up code, which
// codes it offers, and whether a chosen one will do. Pure: the desk's close action and its
// picker both use it.

/** A wrap-up code as reports show it: letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
export const WRAP_UP_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const WRAP_UP_CODE_MAX = 40;

/** A group's wrap-up setting, as the ACD group contract has it. */
export interface WrapUpSetting {
  wrapUpRequired: boolean;
  /** The codes the group offers; null: every active code of its client. */
  wrapUpCodeIds: readonly string[] | null;
}

export interface WrapUpCodeLike {
  id: string;
  code: string;
  label: string;
  active: boolean;
}

export interface WrapUpRule<C extends WrapUpCodeLike = WrapUpCodeLike> {
  /**
   * Whether a code must be chosen when closing. A group that asks for one but offers none (its
   * chosen codes were all deactivated or deleted) cannot require one: closing is never blocked.
   */
  required: boolean;
  /** The group asks for a code, but none of its codes is active: say so to its admins. */
  requiredButNoneOffered: boolean;
  /** The codes to choose from, in the order given. */
  offered: C[];
}

/** The rule for closing in `group`, from the codes of its client. */
export function wrapUpRule<C extends WrapUpCodeLike>(group: WrapUpSetting, codes: readonly C[]): WrapUpRule<C> {
  const chosen = group.wrapUpCodeIds === null ? null : new Set(group.wrapUpCodeIds);
  const offered = codes.filter((code) => code.active && (chosen === null || chosen.has(code.id)));
  return {
    required: group.wrapUpRequired && offered.length > 0,
    requiredButNoneOffered: group.wrapUpRequired && offered.length === 0,
    offered,
  };
}

/** Why a chosen code does not do: none was chosen where one is required, or it is not one the group offers. */
export type WrapUpRefusal = 'required' | 'notOffered';

export type WrapUpCheck<C extends WrapUpCodeLike = WrapUpCodeLike> =
  { ok: true; code: C | null } | { ok: false; reason: WrapUpRefusal };

/**
 * Checks the code an agent chose (its id; null or undefined: none) against the rule. An offered
 * code is always accepted, also where none is required; a code that is not offered (unknown,
 * inactive, of another group or client) never is.
 */
export function checkWrapUp<C extends WrapUpCodeLike>(
  rule: WrapUpRule<C>,
  chosenCodeId: string | null | undefined,
): WrapUpCheck<C> {
  if (chosenCodeId === null || chosenCodeId === undefined || chosenCodeId === '') {
    return rule.required ? { ok: false, reason: 'required' } : { ok: true, code: null };
  }
  const code = rule.offered.find((offered) => offered.id === chosenCodeId);
  return code ? { ok: true, code } : { ok: false, reason: 'notOffered' };
}
