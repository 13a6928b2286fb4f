import { Hono } from 'hono';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import {
  conversationApi,
  deskConversationApi,
  type conversation,
  type conversationMessage,
  type ConversationListItem,
  type ConversationMessage,
  type deskConversation,
} from '../../contract/conversations';
import { ADMIN_ROLES, assertClientFilterVisible, clientVisible, onlyRoles } from '../auth/tenancy';
import { replyPathOf, sendReply } from '../conversations/send-reply';
import { closeHeldConversation, heldWithoutLiveEvent } from '../conversations/email-held-conversation';
import { checkWrapUp } from '../../contract/wrap-up-rule';
import { sentence } from '../../i18n/sentence';
import { wrapUpRuleOfGroup } from '../acd/group-wrap-up';
import type { ConversationTable, Database, OutboundOrigin, OutboundStatus } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { conflict, fieldError, notFound } from '../http/api-error';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { optionalJsonBody, parseJsonBody, parseQuery } from '../http/parse-body';
import type { Logger } from '../logging/logger';
import type { SecretKey } from '../sms-sender/credential-cipher';

/** How many earlier conversations of the customer the desk lists. */
const EARLIER_LENGTH = 20;

/** Conversations for admins (`/api/conversations`): the list, and one with its thread. */
export function conversationRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  app.get('/', async (c) => {
    const q = parseQuery(c, conversationApi.list.query);
    const principal = c.get('principal');
    await assertClientFilterVisible(db, principal, q.clientId);
    const filtered = db
      .selectFrom('conversation')
      .selectAll()
      .where(clientVisible(principal, 'conversation.client_id'))
      .$if(q.clientId !== undefined, (b) => b.where('client_id', '=', q.clientId!))
      .$if(q.state !== undefined, (b) => b.where('state', '=', q.state!))
      .$if(q.customerNumber !== undefined, (b) => b.where('customer_number', '=', q.customerNumber!));
    const page = await listPage(filtered, q, presentConversation, 'desc');
    const last = await lastMessagesOf(
      db,
      page.items.map((item) => item.id),
    );
    return c.json({
      items: page.items.map((item) => ({ ...item, lastMessage: last.get(item.id) ?? null })),
      nextCursor: page.nextCursor,
    });
  });

  app.get('/:id', async (c) => {
    const principal = c.get('principal');
    const row = await findOr404(c.req.param('id'), 'conversation', (id) =>
      db
        .selectFrom('conversation')
        .selectAll()
        .where(clientVisible(principal, 'conversation.client_id'))
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    return c.json({ ...presentConversation(row), messages: await threadOf(db, row.id) });
  });
  return app;
}

export interface DeskConversationDeps {
  /** Decrypts send connectors' credentials: whether a reply can go out depends on them. */
  secretKey: SecretKey | undefined;
  /** A reply was committed to the outbox: the worker looks now (PGlite hears no notifications). */
  smsEnqueued?: (() => void) | undefined;
  logger: Logger;
}

/**
 * A conversation on the agent's desk (`/api/desk/conversations/:id`): one they hold, or whose
 * media event is offered to or held by them, with the thread, the customer's earlier
 * conversations with the same client, and whether a reply can reach the customer; and replying
 * in one they hold (`POST …/messages`).
 */
export function deskConversationRoutes(db: Kysely<Database>, deps: DeskConversationDeps) {
  const app = new Hono<AppEnv>();
  app.get('/conversations/:id', onlyRoles('agent'), async (c) => {
    const { userId, clientId } = c.get('principal');
    const row = await findOr404(c.req.param('id'), 'conversation', (id) =>
      db
        .selectFrom('conversation')
        .selectAll()
        .where('id', '=', id)
        .where('client_id', '=', clientId)
        .where((eb) =>
          eb.or([
            eb('agent_id', '=', userId),
            eb.exists(
              eb
                .selectFrom('media_event')
                .select('media_event.id')
                .whereRef('media_event.conversation_id', '=', 'conversation.id')
                .where('media_event.agent_id', '=', userId)
                .where('media_event.state', 'in', ['offered', 'accepted']),
            ),
          ]),
        )
        .executeTakeFirst(),
    );
    const [messages, path, earlier] = await Promise.all([
      threadOf(db, row.id),
      replyPathOf(db, row, deps.secretKey),
      db
        .selectFrom('conversation')
        .select(['id', 'state', 'opened_at', 'last_message_at', 'closed_at'])
        .where('client_id', '=', row.client_id)
        .where('customer_number', '=', row.customer_number)
        .where('id', '<>', row.id)
        .orderBy('id', 'desc')
        .limit(EARLIER_LENGTH)
        .execute(),
    ]);
    return c.json<z.input<typeof deskConversation>>({
      ...presentConversation(row),
      messages,
      earlier: earlier.map((e) => ({
        id: e.id,
        state: e.state,
        openedAt: e.opened_at.toISOString(),
        lastMessageAt: e.last_message_at.toISOString(),
        closedAt: e.closed_at?.toISOString() ?? null,
      })),
      canReply: path.canReply,
      cannotReplyReason: path.canReply ? null : path.reason,
      sendConnectorName: path.sendConnectorName ?? null,
    });
  });

  app.post('/conversations/:id/messages', onlyRoles('agent'), async (c) => {
    const id = deskConversationApi.reply.params.shape.id.safeParse(c.req.param('id'));
    if (!id.success) throw notFound('conversation');
    const { userId, clientId, displayName } = c.get('principal');
    // Another client's conversation is 404 whatever the body says (sendReply checks again, locked).
    const known = await db
      .selectFrom('conversation')
      .select('id')
      .where('id', '=', id.data)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!known || clientId === null) throw notFound('conversation');
    const { text } = await parseJsonBody(c, deskConversationApi.reply.body);
    const message = await sendReply(
      db,
      { clientId, agentId: userId, agentName: displayName, conversationId: id.data, text },
      deps.secretKey,
    );
    deps.smsEnqueued?.();
    deps.logger.info({ conversationId: id.data, outboundSmsId: message.id, agentId: userId }, 'an agent replied');
    return c.json<z.input<typeof conversationMessage>>(message, 201);
  });

  app.post('/conversations/:id/close', onlyRoles('agent'), async (c) => {
    const id = deskConversationApi.close.params.shape.id.safeParse(c.req.param('id'));
    if (!id.success) throw notFound('conversation');
    const { userId, clientId } = c.get('principal');
    // Another client's conversation is 404 whatever the body says.
    const held = clientId
      ? await sql<Selectable<ConversationTable> & { by_email: boolean }>`
          select c.*, (${heldWithoutLiveEvent}) as by_email from conversation c
          where c.id = ${id.data} and c.client_id = ${clientId}`
          .execute(db)
          .then((result) => result.rows[0])
      : undefined;
    if (!held || clientId === null) throw notFound('conversation');
    const body = await optionalJsonBody(c, deskConversationApi.close.body);
    if (held.state !== 'assigned' || held.agent_id !== userId || !held.by_email) throw notHeldByEmail(held, userId);
    // The group's wrap-up rule applies as it does to completing on the desk: closing is the same
    // act whichever way the agent took the conversation, and reports count codes per group.
    const rule = held.acd_group_id ? await wrapUpRuleOfGroup(db, held.acd_group_id) : undefined;
    const check = rule ? checkWrapUp(rule, body.wrapUpCodeId) : undefined;
    if (check && !check.ok) throw fieldError('wrapUpCodeId', sentence(`wrapUpCodes.refusal.${check.reason}`));
    const wrapUpCodeId = check ? (check.code?.id ?? null) : null;
    // Conditional: the sweep, or a change on another instance, may have got there first.
    if (!(await closeHeldConversation(db, { clientId, agentId: userId, conversationId: held.id, wrapUpCodeId }))) {
      throw conflict(sentence('deskEmail.notHeld.closed'));
    }
    const closed = await db.selectFrom('conversation').selectAll().where('id', '=', held.id).executeTakeFirstOrThrow();
    deps.logger.info({ conversationId: held.id, agentId: userId }, 'an agent closed a conversation held by e-mail');
    return c.json<z.input<typeof conversation>>(presentConversation(closed));
  });
  return app;
}

/** Why a close of a conversation that is not held by the agent by e-mail is refused. */
function notHeldByEmail(held: Selectable<ConversationTable> & { by_email: boolean }, agentId: string) {
  if (held.state === 'assigned' && held.agent_id === agentId) return conflict(sentence('deskEmail.notHeld.onDesk'));
  const why = held.state === 'assigned' ? 'otherAgent' : held.state;
  return conflict(sentence(`deskEmail.notHeld.${why}`));
}

/** The newest message of each conversation, either way: one probe of each direction's index per conversation. */
async function lastMessagesOf(db: Kysely<Database>, conversationIds: string[]) {
  if (conversationIds.length === 0) return new Map<string, ConversationListItem['lastMessage']>();
  const rows = await sql<{ id: string; direction: 'inbound' | 'outbound'; text: string; at: Date }>`
    select c.id, m.direction, m.text, m.at
    from unnest(${conversationIds}::uuid[]) as c(id)
    cross join lateral (
      select * from (
        (select 'inbound' as direction, message as text, received_at as at from inbound_sms
          where conversation_id = c.id order by received_at desc limit 1)
        union all
        (select 'outbound', text, created_at from outbound_sms
          where conversation_id = c.id order by created_at desc limit 1)
      ) both_ways order by at desc limit 1
    ) m`.execute(db);
  return new Map(
    rows.rows.map((row) => [row.id, { direction: row.direction, text: row.text, at: new Date(row.at).toISOString() }]),
  );
}

/** The thread, oldest first: inbound SMS and outbound ones (replies) merged by time. */
async function threadOf(db: Kysely<Database>, conversationId: string): Promise<ConversationMessage[]> {
  const rows = await sql<{
    id: string;
    direction: 'inbound' | 'outbound';
    text: string;
    at: Date;
    status: OutboundStatus | null;
    error: string | null;
    origin: OutboundOrigin | null;
    agent_id: string | null;
    agent_name: string | null;
  }>`
    select id, 'inbound' as direction, message as text, received_at as at, null as status, null as error,
      null as origin, null::uuid as agent_id, null as agent_name
    from inbound_sms where conversation_id = ${conversationId}
    union all
    select o.id, 'outbound', o.text, o.created_at, o.status, o.error, o.origin, o.agent_id, u.display_name
    from outbound_sms o left join app_user u on u.id = o.agent_id
    where o.conversation_id = ${conversationId}
    order by at, id`.execute(db);
  return rows.rows.map((row) => ({
    id: row.id,
    direction: row.direction,
    text: row.text,
    at: new Date(row.at).toISOString(),
    smsId: row.direction === 'inbound' ? row.id : null,
    status: row.status,
    error: row.error,
    origin: row.origin,
    agentId: row.agent_id,
    agentName: row.agent_name,
  }));
}

export function presentConversation(row: Selectable<ConversationTable>): z.input<typeof conversation> {
  return {
    id: row.id,
    clientId: row.client_id,
    connectorId: row.connector_id,
    ourNumber: row.our_number,
    customerNumber: row.customer_number,
    state: row.state,
    acdGroupId: row.acd_group_id,
    agentId: row.agent_id,
    lastAgentId: row.last_agent_id,
    openedAt: row.opened_at.toISOString(),
    lastMessageAt: row.last_message_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    wrapUpCodeId: row.wrap_up_code_id,
  };
}
