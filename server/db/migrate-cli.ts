import { readConfig } from '../config';
import { migrateToLatest } from './migrate';
import { openDatabase } from './open-database';

const config = readConfig();
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  schema: config.databaseSchema,
});
try {
  const applied = await migrateToLatest(database.db, database.schema);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
} finally {
  await database.close();
}
