import { readConfig } from '../../../server/config';
import { createLogger } from '../../../server/logging/logger';
import { startSwitchboard } from '../../../server/switchboard';
import { standInNetwork } from '../../support/stand-in-network';

/**
 * Switchboard as `server/index.ts` serves it, except that workflows' HTTP requests go out on the
 * stand-in network: every connection reaches a server of the test on 127.0.0.1 (same port), so a
 * test can hold the runs of a real server process inside an HTTP request node and kill it there.
 * Only a test runs this file (`startServerProcess(env, { entry })`); no setting switches it on.
 */
const config = readConfig();
const logger = createLogger(config.logLevel);
const switchboard = await startSwitchboard(config, logger, { httpNetwork: standInNetwork() });
process.stdout.write(`Switchboard is running at ${switchboard.url}\n`);
process.on('SIGTERM', () => {
  void switchboard.close().then(() => {
    logger.flush();
    process.exit(0);
  });
});
