import pino, { type Logger } from 'pino';

export type { Logger };

/** Names under which secrets travel, in bodies, objects and query strings (compared in lower case). */
export const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set(['password', 'token', 'key', 'authorization']);

/**
 * Fields of a database error that quote the data of the failed statement: `detail` ("Failing row
 * contains (…)", "Key (email)=(…)"), `where` (the JSON text around a bad character), a trigger's
 * `hint`, the query and its parameters — SMS text, e-mail addresses, hashes. The code, the
 * constraint and the table stay.
 */
const DATA_QUOTING_ERROR_FIELDS = ['detail', 'hint', 'where', 'internalQuery', 'query', 'params', 'parameters'];

/**
 * Structured JSON logs. Secrets never reach a log line: they are redacted by path, from URLs
 * (see request-log.ts) and from errors, which are logged without the data they quote.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      serializers: { err: serializeError },
      redact: {
        paths: [...SECRET_FIELD_NAMES].flatMap((name) => [name, `*.${name}`]),
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

type SerializedError = Record<string, unknown> & { aggregateErrors?: SerializedError[] };

function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (serialized !== null && typeof serialized === 'object') dropQuotedData(serialized as SerializedError);
  return serialized;
}

function dropQuotedData(serialized: SerializedError): void {
  for (const field of DATA_QUOTING_ERROR_FIELDS) delete serialized[field];
  for (const nested of serialized.aggregateErrors ?? []) dropQuotedData(nested);
}
