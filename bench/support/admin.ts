import { EXAMPLE_ACD_GROUP_IDS, exampleWorkflows, withAcdGroups } from '../../workflows';
/** Just enough of the admin API to set a benchmark up over HTTP, as an administrator would. */
export class AdminSession {
  private cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    const response = await this.request('POST', '/api/auth/login', { email, password });
    if (response.status !== 200)
      throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async put(path: string, body: unknown): Promise<void> {
    const response = await this.request('PUT', path, body);
    if (response.status !== 200)
      throw new Error(`PUT ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async create(path: string, body: unknown): Promise<Record<string, any>> {
    const response = await this.request('POST', path, body);
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`POST ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  private async request(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

export interface BenchConnector {
  resellerId: string;
  clientId: string;
  groupId: string;
  connectorId: string;
  recipient: string;
  token: string;
}

/** A reseller, a client, an ACD group and a Direct ACD Group connector that requires a token. */
export async function createDirectConnector(admin: AdminSession, recipient: string): Promise<BenchConnector> {
  const reseller = await admin.create('/api/resellers', { name: 'Bench reseller' });
  const client = await admin.create('/api/clients', { name: 'Bench client', resellerId: reseller.id });
  const group = await admin.create('/api/acd-groups', { name: 'Bench support', clientId: client.id });
  const connector = await admin.create('/api/connectors', {
    name: 'Bench connector',
    recipient,
    requireToken: true,
    routingType: 'direct_acd_group',
    acdGroupId: group.id,
    subject: 'SMS from a customer',
    clientId: client.id,
  });
  if (typeof connector.token !== 'string') throw new Error('the new connector came without a token');
  return {
    resellerId: reseller.id,
    clientId: client.id,
    groupId: group.id,
    connectorId: connector.id,
    recipient,
    token: connector.token,
  };
}

/** Like createDirectConnector, but the connector routes through the keyword example, published. */
export async function createRoutingConnector(admin: AdminSession, recipient: string): Promise<BenchConnector> {
  const reseller = await admin.create('/api/resellers', { name: 'Bench reseller' });
  const client = await admin.create('/api/clients', { name: 'Bench client', resellerId: reseller.id });
  const sales = await admin.create('/api/acd-groups', { name: 'Bench sales', clientId: client.id });
  const support = await admin.create('/api/acd-groups', { name: 'Bench support', clientId: client.id });
  const graph = withAcdGroups(exampleWorkflows().keywordRouting, {
    [EXAMPLE_ACD_GROUP_IDS.sales]: sales.id,
    [EXAMPLE_ACD_GROUP_IDS.support]: support.id,
  });
  const application = await admin.create('/api/routing-applications', { name: 'Bench keywords', clientId: client.id });
  await admin.put(`/api/routing-applications/${application.id}/draft`, { graph });
  await admin.create(`/api/routing-applications/${application.id}/publish`, { comment: 'bench' });
  const connector = await admin.create('/api/connectors', {
    name: 'Bench routing connector',
    recipient,
    requireToken: true,
    routingType: 'routing_application',
    routingApplicationId: application.id,
    clientId: client.id,
  });
  return {
    resellerId: reseller.id,
    clientId: client.id,
    groupId: support.id,
    connectorId: connector.id,
    recipient,
    token: connector.token,
  };
}
