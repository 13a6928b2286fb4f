import { EXAMPLE_ACD_GROUP_IDS, exampleWorkflows, withAcdGroups } from '../../workflows';
import { ApiClient } from '../../test/support/api-client';

/** Just enough of the admin API to set a benchmark up over HTTP, as an administrator would; any failure throws. */
export class AdminSession {
  private readonly client: ApiClient;

  constructor(baseUrl: string) {
    this.client = new ApiClient(baseUrl);
  }

  async login(email: string, password: string): Promise<void> {
    await this.client.login(email, password);
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.client.get<T>(path);
    if (response.status !== 200)
      throw new Error(`GET ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async put(path: string, body: unknown): Promise<void> {
    const response = await this.client.put(path, body);
    if (response.status !== 200)
      throw new Error(`PUT ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async patch(path: string, body: unknown): Promise<void> {
    const response = await this.client.patch(path, body);
    if (response.status !== 200)
      throw new Error(`PATCH ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async create(path: string, body: unknown): Promise<Record<string, any>> {
    const response = await this.client.post<Record<string, any>>(path, body);
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`POST ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
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

/**
 * A reseller, a client, an ACD group and a Direct ACD Group connector: one that requires a token,
 * or with `provider` one of that provider that checks its signature with `secret` instead.
 */
export async function createDirectConnector(
  admin: AdminSession,
  recipient: string,
  native?: { provider: string; secret: string },
): Promise<BenchConnector> {
  const reseller = await admin.create('/api/resellers', { name: 'Bench reseller' });
  const client = await admin.create('/api/clients', { name: 'Bench client', resellerId: reseller.id });
  const group = await admin.create('/api/acd-groups', { name: 'Bench support', clientId: client.id });
  const connector = await admin.create('/api/connectors', {
    name: 'Bench connector',
    recipient,
    requireToken: native === undefined,
    routingType: 'direct_acd_group',
    acdGroupId: group.id,
    subject: 'SMS from a customer',
    clientId: client.id,
    ...(native ? { provider: native.provider, providerSecret: native.secret, signatureCheck: 'enforce' } : {}),
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
