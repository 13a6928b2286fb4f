import type { Kysely, Transaction } from 'kysely';
import { wrapUpRule, type WrapUpRule } from '../../contract/wrap-up-rule';
import { sentence } from '../../i18n/sentence';
import type { Database } from '../db/schema';
import { fieldError } from '../http/api-error';

/**
 * Sets the wrap-up codes a group offers: `null` every active code of its client, else exactly
 * these, each a code of the group's client and none listed twice (400 naming the entry otherwise).
 */
export async function replaceWrapUpCodes(
  trx: Transaction<Database>,
  groupId: string,
  clientId: string,
  codeIds: readonly string[] | null,
): Promise<void> {
  await trx.deleteFrom('acd_group_wrap_up_code').where('acd_group_id', '=', groupId).execute();
  await trx
    .updateTable('acd_group')
    .set({ wrap_up_all_codes: codeIds === null })
    .where('id', '=', groupId)
    .execute();
  if (codeIds === null || codeIds.length === 0) return;
  const twice = codeIds.findIndex((id, index) => codeIds.indexOf(id) !== index);
  if (twice >= 0) throw fieldError(`wrapUpCodeIds.${twice}`, sentence('wrapUpCodes.reason.codeTwice'));
  const found = await trx
    .selectFrom('wrap_up_code')
    .select('id')
    .where('id', 'in', [...codeIds])
    .where('client_id', '=', clientId)
    .execute();
  const known = new Set(found.map((row) => row.id));
  const unknown = codeIds.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw fieldError(`wrapUpCodeIds.${unknown}`, sentence('wrapUpCodes.reason.noWrapUpCode'));
  await trx
    .insertInto('acd_group_wrap_up_code')
    .values(codeIds.map((id) => ({ acd_group_id: groupId, wrap_up_code_id: id })))
    .execute();
}

/** The chosen wrap-up codes of each group that offers a subset, by group id (codes in creation order). */
export async function chosenWrapUpCodes(
  db: Kysely<Database>,
  groupIds: readonly string[],
): Promise<Map<string, string[]>> {
  const chosen = new Map<string, string[]>();
  if (groupIds.length === 0) return chosen;
  const rows = await db
    .selectFrom('acd_group_wrap_up_code')
    .select(['acd_group_id', 'wrap_up_code_id'])
    .where('acd_group_id', 'in', [...groupIds])
    .orderBy('wrap_up_code_id')
    .execute();
  for (const row of rows) chosen.set(row.acd_group_id, [...(chosen.get(row.acd_group_id) ?? []), row.wrap_up_code_id]);
  return chosen;
}

/** The wrap-up rule of closing in a group: what it requires and offers of its client's codes. */
export async function wrapUpRuleOfGroup(db: Kysely<Database>, groupId: string): Promise<WrapUpRule | undefined> {
  const group = await db
    .selectFrom('acd_group')
    .select(['id', 'client_id', 'wrap_up_required', 'wrap_up_all_codes'])
    .where('id', '=', groupId)
    .executeTakeFirst();
  if (!group) return undefined;
  const [codes, chosen] = await Promise.all([
    db
      .selectFrom('wrap_up_code')
      .select(['id', 'code', 'label', 'active'])
      .where('client_id', '=', group.client_id)
      .orderBy('id')
      .execute(),
    chosenWrapUpCodes(db, group.wrap_up_all_codes ? [] : [group.id]),
  ]);
  return wrapUpRule(
    {
      wrapUpRequired: group.wrap_up_required,
      wrapUpCodeIds: group.wrap_up_all_codes ? null : (chosen.get(group.id) ?? []),
    },
    codes,
  );
}
