import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirLockedError extends Error {}

const heldByThisProcess = new Set<string>();

/**
 * Takes the lock file of an embedded data directory, so that two processes never open the same
 * PGlite files (which would corrupt them). A lock left behind by a killed process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'switchboard.lock');
  if (heldByThisProcess.has(dir)) throw lockedError(dir, process.pid);

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(dir);
      return () => {
        heldByThisProcess.delete(dir);
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) throw lockedError(dir, holder);
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw lockedError(dir, Number.NaN);
}

function lockedError(dir: string, pid: number): DataDirLockedError {
  const who = Number.isNaN(pid) ? 'another process' : `another Switchboard process (pid ${pid})`;
  return new DataDirLockedError(
    `The data directory ${dir} is in use by ${who}. Stop that process, or set SWITCHBOARD_DATA_DIR to another directory.`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
