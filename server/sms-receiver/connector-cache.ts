import type { Kysely } from 'kysely';
import type { Database, RoutingType } from '../db/schema';
import type { Logger } from '../logging/logger';

export interface CachedConnector {
  id: string;
  clientId: string;
  recipient: string;
  tokenHash: Buffer;
  requireToken: boolean;
  routingType: RoutingType;
  acdGroupId: string | null;
  subject: string;
  routingApplicationId: string | null;
}

/**
 * Every connector by its E.164 recipient, held in memory so the receiver's hot path never
 * queries for it. Whatever changes a connector (or what it points at) calls `reload()`; other
 * server instances hear of it through NOTIFY on PostgreSQL.
 */
export class ConnectorCache {
  private byRecipient = new Map<string, CachedConnector>();
  private loading: Promise<void> | undefined;
  private stale = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger?: Logger,
  ) {}

  get(recipient: string): CachedConnector | undefined {
    return this.byRecipient.get(recipient);
  }

  /** Loads all connectors again; concurrent calls share one load, and a call during a load queues one more. */
  async reload(): Promise<void> {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.stale = false;
          this.byRecipient = await this.loadAll();
        } while (this.stale);
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  reloadInBackground(): void {
    this.reload().catch((error) => this.logger?.error({ err: error }, 'reloading connectors failed'));
  }

  private async loadAll(): Promise<Map<string, CachedConnector>> {
    const rows = await this.db
      .selectFrom('sms_connector')
      .select([
        'id',
        'client_id',
        'recipient',
        'token_hash',
        'require_token',
        'routing_type',
        'acd_group_id',
        'subject',
        'routing_application_id',
      ])
      .execute();
    return new Map(
      rows.map((row) => [
        row.recipient,
        {
          id: row.id,
          clientId: row.client_id,
          recipient: row.recipient,
          tokenHash: Buffer.from(row.token_hash, 'hex'),
          requireToken: row.require_token,
          routingType: row.routing_type,
          acdGroupId: row.acd_group_id,
          subject: row.subject,
          routingApplicationId: row.routing_application_id,
        },
      ]),
    );
  }
}
