import type { z } from 'zod';

export interface DefinitionIssue {
  /** Dotted path into the definition, e.g. `nodes.2.position.x`; empty for the whole document. */
  field: string;
  message: string;
}

/** A stored or uploaded workflow that is not a graph at all (as opposed to a graph with problems). */
export class InvalidDefinitionError extends Error {
  override readonly name = 'InvalidDefinitionError';
  readonly issues: DefinitionIssue[];
  /** The first issue's field, for the API's `{error, field}` answer. */
  readonly field: string | undefined;

  constructor(issues: DefinitionIssue[]) {
    const first = issues[0];
    super(
      first === undefined
        ? 'The workflow definition is invalid.'
        : `The workflow definition is invalid: ${first.field === '' ? '' : `${first.field}: `}${first.message}`,
    );
    this.issues = issues;
    this.field = first?.field || undefined;
  }

  static fromZod(error: z.ZodError): InvalidDefinitionError {
    return new InvalidDefinitionError(
      error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  }
}
