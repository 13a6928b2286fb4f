import type { Kysely } from 'kysely';
import { createWorkflowRunner, migrateDefinition, type WorkflowRunner } from '../../workflows';
import type { Database } from '../db/schema';
import { canonicalHosts } from './allowed-hosts';

export interface ApplicationConfig {
  id: string;
  clientId: string;
  fallbackAcdGroupId: string | null;
  activeVersionId: string | null;
  testVersionId: string | null;
  testSenders: ReadonlySet<string>;
  /** The client's allowed hosts, canonical: the hosts its workflows may reach on private networks. */
  allowedHosts: ReadonlySet<string>;
}

export interface VersionRunner {
  versionId: string;
  number: number;
  runner: WorkflowRunner;
}

export const ROUTING_CHANGED_CHANNEL = 'switchboard_routing_changed';

/**
 * Routing applications' pointers (reloaded when one changes) and the compiled runner of every
 * version (versions are immutable, so a runner is built once and kept).
 */
export class RoutingCache {
  private applications = new Map<string, Promise<ApplicationConfig | undefined>>();
  private readonly runners = new Map<string, Promise<VersionRunner | undefined>>();

  constructor(private readonly db: Kysely<Database>) {}

  application(id: string): Promise<ApplicationConfig | undefined> {
    return loadOnce(this.applications, id, () => this.loadApplication(id));
  }

  version(versionId: string): Promise<VersionRunner | undefined> {
    return loadOnce(this.runners, versionId, () => this.loadVersion(versionId));
  }

  /** Forgets the pointers of every application; they are read again on next use. */
  invalidate(): void {
    this.applications = new Map();
  }

  private async loadApplication(id: string): Promise<ApplicationConfig | undefined> {
    const row = await this.db
      .selectFrom('routing_application')
      .innerJoin('client', 'client.id', 'routing_application.client_id')
      .select([
        'routing_application.id',
        'routing_application.client_id',
        'routing_application.fallback_acd_group_id',
        'routing_application.active_version_id',
        'routing_application.test_version_id',
        'routing_application.test_senders',
        'client.http_allowed_hosts',
      ])
      .where('routing_application.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      clientId: row.client_id,
      fallbackAcdGroupId: row.fallback_acd_group_id,
      activeVersionId: row.active_version_id,
      testVersionId: row.test_version_id,
      testSenders: new Set(row.test_senders),
      allowedHosts: new Set(canonicalHosts(row.http_allowed_hosts)),
    };
  }

  private async loadVersion(versionId: string): Promise<VersionRunner | undefined> {
    const row = await this.db
      .selectFrom('routing_application_version')
      .select(['id', 'number', 'graph'])
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!row) return undefined;
    return { versionId: row.id, number: row.number, runner: createWorkflowRunner(migrateDefinition(row.graph)) };
  }
}

/** The load kept under `key`, started on first use; a failed one is forgotten, so the next use tries again. */
function loadOnce<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = load();
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}
