import { writeSync } from 'node:fs';
import { readConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { createLogger } from './logging/logger';
import { startSwitchboard } from './switchboard';

const config = readConfig();
const logger = createLogger(config.logLevel);

try {
  const switchboard = await startSwitchboard(config, logger);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`;
  const lines = [`Switchboard is running at ${switchboard.url} on ${where}`];
  if (switchboard.bootstrap) {
    const { email, generatedPassword } = switchboard.bootstrap;
    lines.push(
      generatedPassword
        ? `Log in as ${email} with the password ${generatedPassword} (generated now, shown once; change it after logging in)`
        : `Log in as ${email} with SWITCHBOARD_ADMIN_PASSWORD`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await switchboard.close();
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  const message =
    error instanceof DataDirLockedError ? error.message : `Switchboard could not start: ${(error as Error).message}`;
  writeSync(2, `${message}\n`); // synchronous: the process exits right after
  logger.flush();
  process.exit(1);
}
