import type { Kysely } from 'kysely';
import type { Language } from '../../i18n/languages';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';

/** Stores the user's own language and audits the change, like their other own account changes. */
export async function setOwnLanguage(db: Kysely<Database>, principal: Principal, language: Language | null) {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('app_user')
      .select('language')
      .where('id', '=', principal.userId)
      .executeTakeFirstOrThrow();
    if (before.language === language) return;
    await trx
      .updateTable('app_user')
      .set({ language, updated_at: new Date() })
      .where('id', '=', principal.userId)
      .execute();
    await recordAudit(trx, principal, {
      entityType: 'user',
      action: 'update.own_language',
      entityId: principal.userId,
      clientId: principal.clientId,
      resellerId: principal.resellerId,
      before: { language: before.language },
      after: { language },
    });
  });
}
