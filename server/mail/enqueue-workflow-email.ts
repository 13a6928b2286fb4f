import { sql, type Kysely } from 'kysely';
import type { EmailMessage } from '../../workflows';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';

export interface WorkflowEmailOrigin {
  clientId: string;
  smsId: string;
  nodeId: string;
}

/**
 * Stores a `send_email` node's message in the outbox, one row per recipient. The Message-ID is
 * derived from the SMS, the node and the recipient, so running the SMS again after a crash
 * stores nothing new and nobody gets a second copy.
 */
export async function enqueueWorkflowEmail(
  db: Kysely<Database>,
  origin: WorkflowEmailOrigin,
  message: EmailMessage,
  domain: string,
): Promise<void> {
  const recipients = [...new Set(message.to.map((address) => address.toLowerCase()))];
  if (recipients.length === 0) return;
  const nodeTag = origin.nodeId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  await sql`
    insert into email_outbox (id, client_id, message_id, to_address, subject, text_body)
    select * from unnest(${recipients.map(() => uuid7())}::uuid[], ${recipients.map(() => origin.clientId)}::uuid[],
      ${recipients.map((_, index) => `<sms.${origin.smsId}.${nodeTag}.${index}@${domain}>`)}::text[],
      ${recipients}::text[], ${recipients.map(() => message.subject)}::text[], ${recipients.map(() => message.text)}::text[])
    on conflict (message_id) do nothing`.execute(db);
}
