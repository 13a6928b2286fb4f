import type { Kysely, Selectable } from 'kysely';
import type { OptOutSettings } from '../../contract/opt-outs';
import { DEFAULT_OPT_OUT_SETTINGS, type OptOutKeywordSettings } from '../../contract/opt-out-keywords';
import type { Database, OptOutSettingsTable } from '../db/schema';
import type { Logger } from '../logging/logger';

/** A client's keywords and what to answer a keyword SMS with. */
export interface ClientOptOutSettings extends OptOutKeywordSettings {
  optOutConfirmation: string | null;
  optInConfirmation: string | null;
  updatedAt: Date | null;
}

export const DEFAULT_CLIENT_OPT_OUT_SETTINGS: ClientOptOutSettings = {
  ...DEFAULT_OPT_OUT_SETTINGS,
  optOutConfirmation: null,
  optInConfirmation: null,
  updatedAt: null,
};

export function settingsOfRow(row: Selectable<OptOutSettingsTable> | undefined): ClientOptOutSettings {
  if (!row) return DEFAULT_CLIENT_OPT_OUT_SETTINGS;
  return {
    enabled: row.enabled,
    optOutKeywords: row.opt_out_keywords,
    optInKeywords: row.opt_in_keywords,
    optOutConfirmation: row.opt_out_confirmation,
    optInConfirmation: row.opt_in_confirmation,
    updatedAt: row.updated_at,
  };
}

export async function readOptOutSettings(db: Kysely<Database>, clientId: string): Promise<ClientOptOutSettings> {
  const row = await db.selectFrom('opt_out_settings').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return settingsOfRow(row);
}

export function presentOptOutSettings(clientId: string, settings: ClientOptOutSettings): OptOutSettings {
  return {
    clientId,
    enabled: settings.enabled,
    optOutKeywords: [...settings.optOutKeywords],
    optInKeywords: [...settings.optInKeywords],
    optOutConfirmation: settings.optOutConfirmation,
    optInConfirmation: settings.optInConfirmation,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/**
 * Every client's keyword settings in memory, so that the SMS intake tells a keyword SMS from any
 * other without a query (clients without a row have the defaults). Reloaded with the other
 * caches when configuration changes (see config-changes.ts), on every instance.
 */
export class OptOutSettingsCache {
  private byClient = new Map<string, ClientOptOutSettings>();
  private loading: Promise<void> | undefined;
  private stale = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger?: Logger,
  ) {}

  get(clientId: string): ClientOptOutSettings {
    return this.byClient.get(clientId) ?? DEFAULT_CLIENT_OPT_OUT_SETTINGS;
  }

  /** Loads all settings again; concurrent calls share one load, and a call during a load queues one more. */
  async reload(): Promise<void> {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.stale = false;
          const rows = await this.db.selectFrom('opt_out_settings').selectAll().execute();
          this.byClient = new Map(rows.map((row) => [row.client_id, settingsOfRow(row)]));
        } while (this.stale);
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  reloadInBackground(): void {
    this.reload().catch((error) => this.logger?.error({ err: error }, 'reloading opt-out settings failed'));
  }
}
