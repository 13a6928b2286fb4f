import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { deliverRaw, waitFor } from '../support/fixtures';
import { signIn } from './browser';
import { browserStory } from './browser-story';

// A first provider is often pointed at Switchboard before any client exists: what it sends is
// refused (no connector has the number), and the system admin must be able to see why.
describe('the connectors page of a system admin without clients', { timeout: 120_000 }, () => {
  const ui = browserStory();

  it('says there is no client yet, and shows the requests no connector took', async () => {
    const answer = await deliverRaw(ui.server.url, { receiver: '+4930555000111' });
    expect(answer.status).toBe(404);
    await waitFor('the unmatched request in the log', async () => {
      const page = await ui.server.admin.get<{ items: unknown[] }>('/api/delivery-log/unmatched');
      return page.body.items.length >= 1 ? true : undefined;
    });
    await ui.page.goto(`${ui.server.url}/connectors`);
    await signIn(ui.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ui.page.waitForURL(/\/connectors$/);
    await ui.page.getByText('No client yet').waitFor();
    const unmatched = ui.page.getByTestId('unmatched-deliveries');
    await unmatched.getByTestId('delivery-row').first().waitFor();
    expect(await unmatched.getByTestId('delivery-row').textContent()).toContain('+4930555000111');
  });
});
