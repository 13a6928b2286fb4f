/** A PostgreSQL identifier (schema, channel) quoted for use in SQL text. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
