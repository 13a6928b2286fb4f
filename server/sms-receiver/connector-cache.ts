import type { Kysely } from 'kysely';
import type { Database, Provider, RoutingType, SignatureCheck } from '../db/schema';
import { toE164 } from '../../contract/phone-number';
import { openProviderSecret } from '../connectors/provider-secret';
import type { SecretKey } from '../sms-sender/credential-cipher';
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
  provider: Provider;
  /** Never logged nor answered; decrypted (see connectors/provider-secret.ts). */
  providerSecret: string | null;
  /** The secret is stored encrypted under a key this process does not hold (or not at all): why it is null. */
  providerSecretUnreadable: boolean;
  signatureCheck: SignatureCheck;
  multipartWindowSeconds: number;
  /** The client's country for national numbers (ISO alpha-2), if it has one. */
  defaultCountry: string | null;
}

/** A connector found by the number an SMS was sent to, with that number in E.164. */
export interface ReceiverMatch {
  connector: CachedConnector;
  receiver: string;
}

/**
 * Every connector by its E.164 recipient, held in memory so the receiver's hot path never
 * queries for it. Whatever changes a connector (or what it points at) calls `reload()`; other
 * server instances hear of it through NOTIFY on PostgreSQL.
 */
export class ConnectorCache {
  private byRecipient = new Map<string, CachedConnector>();
  /** The default countries of the clients that have connectors: where a national receiver number may belong. */
  private countries: string[] = [];
  private loading: Promise<void> | undefined;
  private stale = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger?: Logger,
    private readonly secretKey?: SecretKey,
  ) {}

  get(recipient: string): CachedConnector | undefined {
    return this.byRecipient.get(recipient);
  }

  byId(id: string): CachedConnector | undefined {
    for (const connector of this.byRecipient.values()) if (connector.id === id) return connector;
    return undefined;
  }

  /**
   * The connector of the number an SMS was sent to, as the provider wrote it: international, or
   * national (`0170 1234567`) in the default country of the client whose connector has it.
   */
  findByReceiver(raw: string): ReceiverMatch | undefined {
    // Most providers write the number as stored (`+4930…`) or without its plus (`4930…`).
    const asWritten = this.byRecipient.get(raw) ?? this.byRecipient.get(`+${raw}`);
    if (asWritten) return { connector: asWritten, receiver: asWritten.recipient };
    const international = toE164(raw);
    if (international !== null) {
      const connector = this.byRecipient.get(international);
      return connector && { connector, receiver: international };
    }
    for (const country of this.countries) {
      const receiver = toE164(raw, country);
      const connector = receiver === null ? undefined : this.byRecipient.get(receiver);
      if (connector?.defaultCountry === country) return { connector, receiver: receiver! };
    }
    return undefined;
  }

  private providerSecretOf(stored: string | null) {
    if (stored === null) return { providerSecret: null, providerSecretUnreadable: false };
    const opened = openProviderSecret(this.secretKey, stored);
    return 'secret' in opened
      ? { providerSecret: opened.secret, providerSecretUnreadable: false }
      : { providerSecret: null, providerSecretUnreadable: true };
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
          this.countries = [
            ...new Set([...this.byRecipient.values()].flatMap((c) => (c.defaultCountry ? [c.defaultCountry] : []))),
          ];
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
      .innerJoin('client', 'client.id', 'sms_connector.client_id')
      .select([
        'sms_connector.id',
        'sms_connector.client_id',
        'sms_connector.recipient',
        'sms_connector.token_hash',
        'sms_connector.require_token',
        'sms_connector.routing_type',
        'sms_connector.acd_group_id',
        'sms_connector.subject',
        'sms_connector.routing_application_id',
        'sms_connector.provider',
        'sms_connector.provider_secret',
        'sms_connector.signature_check',
        'sms_connector.multipart_window_seconds',
        'client.default_country',
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
          provider: row.provider,
          ...this.providerSecretOf(row.provider_secret),
          signatureCheck: row.signature_check,
          multipartWindowSeconds: row.multipart_window_seconds,
          defaultCountry: row.default_country,
        },
      ]),
    );
  }
}
