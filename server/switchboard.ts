import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { bootstrapSystemAdmin, type BootstrapResult } from './bootstrap-admin';
import type { Config } from './config';
import { migrateToLatest } from './db/migrate';
import { openDatabase, type DatabaseHandle } from './db/open-database';
import type { Logger } from './logging/logger';
import { CONNECTORS_CHANGED_CHANNEL, ConnectorCache } from './sms-receiver/connector-cache';
import { SmsStore } from './sms-receiver/sms-store';

export interface RunningSwitchboard {
  url: string;
  database: DatabaseHandle;
  bootstrap: BootstrapResult | undefined;
  close(): Promise<void>;
}

/** Opens the database, migrates, and serves Switchboard until `close()`. */
export async function startSwitchboard(config: Config, logger: Logger): Promise<RunningSwitchboard> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
  });
  try {
    const { db } = database;
    const applied = await migrateToLatest(db, database.schema);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const bootstrap = await bootstrapSystemAdmin(db, config.adminEmail, config.adminPassword);

    const connectors = new ConnectorCache(db, logger);
    await connectors.reload();
    await database.listen(CONNECTORS_CHANGED_CHANNEL, () => connectors.reloadInBackground());
    const smsStore = new SmsStore(db, {
      logger,
      maxConcurrentBatches: database.backend === 'pglite' ? 1 : 4,
    });

    const app = createApp({
      db,
      schema: database.schema,
      logger,
      connectors,
      smsStore,
      limits: { smsMaxBytes: config.smsMaxBytes, smsMaxChars: config.smsMaxChars },
    });
    const server = await listen(app.fetch, config.port, config.host);
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = config.publicUrl ?? `http://${host}:${address.port}`;

    return {
      url,
      database,
      bootstrap,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await smsStore.drain();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}
