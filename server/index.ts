import { writeSync } from 'node:fs';
import { readConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { createLogger } from './logging/logger';
import { startSwitchboard } from './switchboard';

/** However a shutdown goes, the process is gone within 10 s of the signal (this, and writing the log). */
const SHUTDOWN_DEADLINE_MS = 9_500;

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
  const exit = (code: number) => {
    // The log is written asynchronously: let it reach stdout first (but never wait for long).
    setTimeout(() => process.exit(code), 300).unref();
    logger.flush(() => process.exit(code));
  };
  const force = (why: string) => {
    logger.error({ stillOpen: switchboard.stillOpen() }, `${why}; exiting without finishing`);
    exit(1);
  };
  const stop = async (signal: string) => {
    if (stopping) return force(`${signal} again while shutting down`);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(
      () => force(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms`),
      SHUTDOWN_DEADLINE_MS,
    );
    try {
      await switchboard.close();
    } catch (err) {
      clearTimeout(deadline);
      logger.error({ err }, 'shutdown failed');
      return exit(1);
    }
    clearTimeout(deadline);
    logger.info('stopped');
    exit(0);
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
