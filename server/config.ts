import { DEFAULT_TIME_BUDGET_MS } from '../workflows';
import { parseSecretKey, type SecretKey } from './sms-sender/credential-cipher';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A schema inside DATABASE_URL's database to keep Switchboard's tables in (default: public). */
  databaseSchema: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  smsMaxBytes: number;
  smsMaxChars: number;
  /** How long an instance owns an SMS it routes before another instance may take it over. */
  routingLeaseSeconds: number;
  /** Wall-clock milliseconds one workflow run may take before it fails to the fallback group. */
  runBudgetMs: number;
  /** Base URL shown to users (printed at start, used in provider URLs). */
  publicUrl: string | undefined;
  /** Where e-mail goes out (smtp://user:password@host:port or smtps://…); none: mail waits in the outbox. */
  smtpUrl: string | undefined;
  /** The sender of Switchboard's e-mail. */
  smtpFrom: string;
  /** The wait before retrying an e-mail the mail server did not accept; it doubles each time. */
  mailRetryBaseMs: number;
  /** The wait before retrying an SMS the provider did not take (429, 5xx, network); it doubles each time, up to 10 minutes. */
  smsRetryBaseMs: number;
  /** Attempts before an SMS the provider keeps refusing for a passing reason ends as failed. */
  smsMaxAttempts: number;
  /** How long an instance owns an SMS it is sending before another may take it over. */
  smsLeaseSeconds: number;
  /** Days the delivery log keeps a request to a receiver endpoint before it is swept. */
  deliveryLogDays: number;
  /** SWITCHBOARD_SECRET_KEY: encrypts send connectors' credentials; without it none can be stored. */
  secretKey: SecretKey | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0), // 0: any free port
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.SWITCHBOARD_DB_SCHEMA || undefined,
    dataDir: env.SWITCHBOARD_DATA_DIR || './data',
    adminEmail: env.SWITCHBOARD_ADMIN_EMAIL || undefined,
    adminPassword: env.SWITCHBOARD_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    smsMaxBytes: positiveInt(env, 'SWITCHBOARD_SMS_MAX_BYTES', 64 * 1024),
    smsMaxChars: positiveInt(env, 'SWITCHBOARD_SMS_MAX_CHARS', 1600),
    routingLeaseSeconds: positiveInt(env, 'SWITCHBOARD_ROUTING_LEASE_SECONDS', 60),
    runBudgetMs: positiveInt(env, 'SWITCHBOARD_RUN_BUDGET_MS', DEFAULT_TIME_BUDGET_MS),
    publicUrl: env.SWITCHBOARD_PUBLIC_URL || undefined,
    smtpUrl: smtpUrl(env.SMTP_URL),
    smtpFrom: env.SMTP_FROM || 'Switchboard <switchboard@localhost>',
    mailRetryBaseMs: positiveInt(env, 'SWITCHBOARD_MAIL_RETRY_BASE_MS', 1000),
    smsRetryBaseMs: positiveInt(env, 'SWITCHBOARD_SMS_RETRY_BASE_MS', 2000),
    smsMaxAttempts: positiveInt(env, 'SWITCHBOARD_SMS_MAX_ATTEMPTS', 8),
    smsLeaseSeconds: positiveInt(env, 'SWITCHBOARD_SMS_LEASE_SECONDS', 60),
    deliveryLogDays: positiveInt(env, 'SWITCHBOARD_DELIVERY_LOG_DAYS', 7),
    secretKey: env.SWITCHBOARD_SECRET_KEY ? parseSecretKey(env.SWITCHBOARD_SECRET_KEY) : undefined,
  };
  // A run still going when its lease ends would be started a second time by another instance.
  // (Checked when set: the default stays 10 s even under the 1 s lease a test may choose.)
  if (env.SWITCHBOARD_RUN_BUDGET_MS && config.runBudgetMs >= config.routingLeaseSeconds * 1000) {
    throw new Error(
      `SWITCHBOARD_RUN_BUDGET_MS (${config.runBudgetMs}) must be shorter than SWITCHBOARD_ROUTING_LEASE_SECONDS ` +
        `(${config.routingLeaseSeconds} s)`,
    );
  }
  return config;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integer(env, name, fallback, 1);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
  return value;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.com:587');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://`);
  return raw;
}
