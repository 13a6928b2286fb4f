/** PostgreSQL error codes the API turns into answers. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgCode(error) === '23505' && (!constraint || (error as { constraint?: string }).constraint === constraint || String((error as Error).message).includes(constraint));
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgCode(error) === '23503';
}

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}
