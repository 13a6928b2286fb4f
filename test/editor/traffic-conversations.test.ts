import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { uuid7 } from '../../server/db/uuid7';
import { offeredTo } from '../server/acd/acd-support';
import {
  createAcdSetup,
  createSendConnector,
  createUserRecord,
  deliver,
  expectStatus,
  setStatus,
  smsById,
  type UserHandle,
} from '../support/fixtures';
import { screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

const ADMIN = { email: 'clara.admin@traffic.test', password: 'clara admin password 1' };
const CUSTOMER = '+4917044455566';
const OTHER_CUSTOMER = '+4917099988877';

// A client admin reads Traffic: a conversation with its thread both ways, an SMS's handling time
// line and its link to the conversation, and the search by text and sender.
describe('Traffic: conversations, handling and search', { timeout: 120_000 }, () => {
  const state = { firstSmsId: '', conversationId: '', otherSmsId: '' };

  const ui = browserStory(async (server) => {
    const setup = await createAcdSetup(server.admin, { agents: [{ displayName: 'Nora Agent' }] });
    await createUserRecord(server.admin, {
      role: 'client_admin',
      clientId: setup.clientId,
      email: ADMIN.email,
      password: ADMIN.password,
      displayName: 'Clara Admin',
    });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    state.firstSmsId = await deliver(server.url, {
      receiver: setup.recipient,
      sender: CUSTOMER,
      message: 'Where is my parcel?',
    });
    const { mediaEventId } = await offeredTo([agent], state.firstSmsId);
    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
    state.conversationId = (await smsById(server.admin, state.firstSmsId)).conversationId!;
    await deliver(server.url, { receiver: setup.recipient, sender: CUSTOMER, message: 'Any news on it?' });
    // A reply the provider refused, written as the SMS outbox leaves one that failed for good.
    const sendConnector = await createSendConnector(server.admin, {
      clientId: setup.clientId,
      defaultSender: setup.recipient,
    });
    await sql`insert into outbound_sms (id, client_id, send_connector_id, conversation_id, origin, "to", "from", text,
        segments, encoding, status, attempts, error)
      values (${uuid7()}, ${setup.clientId}, ${sendConnector.id}, ${state.conversationId}, 'agent', ${CUSTOMER},
        ${setup.recipient}, 'We are looking into it', 1, 'GSM-7', 'failed', 1, 'Number unreachable')`.execute(
      server.switchboard.database.db,
    );
    state.otherSmsId = await deliver(server.url, {
      receiver: setup.recipient,
      sender: OTHER_CUSTOMER,
      message: 'My invoice is 100% wrong',
    });
  });

  it('opens Traffic → Conversations → one conversation and reads its thread both ways', async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, ADMIN.email, ADMIN.password);
    await ui.page.getByRole('link', { name: 'Traffic' }).click();
    await ui.page.waitForURL(/\/traffic$/);
    await ui.page.getByTestId('traffic-views').getByText('Conversations').click();
    await ui.page.waitForURL(/\/traffic\/conversations$/);
    const row = ui.page.locator(`[data-testid="conversation-row"][data-conversation="${state.conversationId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(CUSTOMER);
    expect(await row.textContent()).toContain('With an agent');
    expect(await row.textContent()).toContain('Nora Agent');
    expect(await row.textContent()).toContain('Reply: We are looking into it');
    await row.click();
    const detail = ui.page.getByTestId('conversation-detail');
    const messages = detail.getByTestId('thread-message');
    await expect.poll(() => messages.count(), { timeout: 20_000 }).toBe(3);
    const texts = await messages.allTextContents();
    expect(texts[0]).toContain('Where is my parcel?');
    expect(texts[1]).toContain('Any news on it?');
    expect(texts[2]).toContain('We are looking into it');
    expect(await messages.nth(2).getAttribute('data-direction')).toBe('outbound');
    expect(await messages.nth(2).getByTestId('outbound-status').textContent()).toBe('Failed');
    expect(texts[2]).toContain('Number unreachable');
    await screenshot(ui.page, 'traffic-conversation-thread');
    await ui.page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
  });

  it('opens an SMS’s detail, sees who handled it, and follows the link to its conversation', async () => {
    await ui.page.getByTestId('traffic-views').getByText('SMS').click();
    await ui.page.waitForURL(/\/traffic$/);
    await ui.page.locator(`[data-testid="sms-row"][data-sms="${state.firstSmsId}"]`).click();
    const detail = ui.page.getByTestId('sms-detail');
    const steps = detail.getByTestId('handling-step');
    await expect.poll(() => steps.count(), { timeout: 20_000 }).toBe(3);
    const kinds = await Promise.all([0, 1, 2].map((i) => steps.nth(i).getAttribute('data-kind')));
    expect(kinds).toEqual(['queued', 'offered', 'accepted']);
    expect(await steps.nth(1).textContent()).toContain('Offered to Nora Agent');
    expect(await steps.nth(2).textContent()).toContain('Nora Agent accepted it');
    await screenshot(ui.page, 'traffic-sms-handling');
    await detail.getByTestId('sms-conversation-link').click();
    await ui.page.waitForURL(new RegExp(`/traffic/conversations/${state.conversationId}$`));
    await expect
      .poll(() => ui.page.getByTestId('conversation-detail').getByTestId('thread-message').count(), {
        timeout: 20_000,
      })
      .toBe(3);
    await ui.page.keyboard.press('Escape');
  });

  it('searches the SMS by text and by sender', async () => {
    await ui.page.goto(`${ui.server.url}/traffic`);
    const rows = ui.page.getByTestId('sms-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    await ui.page.getByTestId('search-text').fill('100%');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1);
    expect(await rows.first().getAttribute('data-sms')).toBe(state.otherSmsId);
    await screenshot(ui.page, 'traffic-search-text');
    await ui.page.getByTestId('search-text').fill('');
    await ui.page.getByTestId('search-sender').fill('44455566');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    await ui.page.getByTestId('search-text').fill('nothing like this');
    await ui.page.getByText('No SMS match these filters').waitFor();
  });
});
