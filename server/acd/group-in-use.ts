import { sql, type Selectable, type Transaction } from 'kysely';
import type { AcdGroupTable, Database } from '../db/schema';
import type { Sentence } from '../../i18n/sentence';
import { apiSentence, inUse } from '../http/api-error';
import { findAcdGroupUsers, usedBySentence } from '../routing/find-references';

/**
 * A group something live routes to, or one that still holds SMS, is not deleted: its SMS would
 * have no group to be offered in (and work given back to the queue would wait there forever).
 */
export async function refuseWhileInUse(trx: Transaction<Database>, group: Selectable<AcdGroupTable>): Promise<void> {
  const [users, open] = await Promise.all([findAcdGroupUsers(trx, group), openWorkIn(trx, group.id)]);
  if (users.length === 0 && open === undefined) return;
  const name = JSON.stringify(group.name);
  const inUseBy = users.length > 0 ? apiSentence('groupInUse', { name, users: usedBySentence(users) }) : undefined;
  const holds = open && apiSentence('groupHoldsWork', { name, count: open.total, parts: open.parts });
  throw inUse(
    inUseBy && holds ? apiSentence('twoSentences', { first: inUseBy, second: holds }) : (inUseBy ?? holds)!,
    users,
  );
}

/** The group's unfinished media events ("1 waiting", "1 offered to agents"), or undefined. */
async function openWorkIn(
  trx: Transaction<Database>,
  acdGroupId: string,
): Promise<{ total: number; parts: Sentence[] } | undefined> {
  const { rows } = await sql<{ queued: number; offered: number; accepted: number }>`
    select count(*) filter (where state = 'queued')::int as queued,
      count(*) filter (where state = 'offered')::int as offered,
      count(*) filter (where state = 'accepted')::int as accepted
    from media_event where acd_group_id = ${acdGroupId} and state in ('queued', 'offered', 'accepted')`.execute(trx);
  const { queued, offered, accepted } = rows[0]!;
  const total = queued + offered + accepted;
  if (total === 0) return undefined;
  const parts = [
    ...(queued > 0 ? [apiSentence('work.waiting', { count: queued })] : []),
    ...(offered > 0 ? [apiSentence('work.offered', { count: offered })] : []),
    ...(accepted > 0 ? [apiSentence('work.accepted', { count: accepted })] : []),
  ];
  return { total, parts };
}
