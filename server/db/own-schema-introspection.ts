import {
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

/**
 * Kysely's migrator asks the database's introspector whether its bookkeeping tables exist. The
 * stock PostgreSQL introspector reads every schema of the database and looks each one up by name
 * (`has_schema_privilege`, `pg_get_serial_sequence`), so a schema that another process drops at
 * that moment fails our migration with `schema "…" does not exist`, and without a schema of our
 * own it would take another schema's `kysely_migration` for ours. This one reads only our schema
 * (`current_schema()` when none is named), and only the names the migrator needs.
 */
export function withOwnSchemaIntrospection<DB>(db: Kysely<DB>, schema: string | undefined): Kysely<DB> {
  const introspection = ownSchemaIntrospector(db, schema);
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function ownSchemaIntrospector<DB>(db: Kysely<DB>, schema: string | undefined): DatabaseIntrospector {
  const ownSchema = sql<string>`coalesce(${schema ?? null}::text, current_schema())`;
  return {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const { rows } = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${ownSchema}`.execute(db);
      return rows;
    },
    async getTables(): Promise<TableMetadata[]> {
      const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
        select c.relname as name, n.nspname as schema, c.relkind = 'v' as is_view
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${ownSchema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.is_view, columns: [] }));
    },
    async getMetadata(): Promise<DatabaseMetadata> {
      return { tables: await this.getTables() };
    },
  };
}
