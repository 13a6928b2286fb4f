import type { z } from 'zod';
import { languages, type Localized } from '../../i18n/languages';
import { say, type Sentence } from '../../i18n/sentence';
import { issueText } from '../node-types/check-words';

export interface DefinitionIssue {
  /** Dotted path into the definition, e.g. `nodes.2.position.x`; empty for the whole document. */
  field: string;
  message: string;
  /** The message in every language, for an answer in the reader's. */
  text: Localized;
}

const inEveryLanguage = (text: (language: (typeof languages)[number]) => string) =>
  Object.fromEntries(languages.map((language) => [language, text(language)])) as unknown as Localized;

/** An issue told by a catalog sentence (`workflowProblem.definition.*`). */
export function definitionIssue(field: string, words: Sentence): DefinitionIssue {
  const text = inEveryLanguage((language) => say(language, words));
  return { field, message: text.en, text };
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
      error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
        text: inEveryLanguage((language) => issueText(issue, language)),
      })),
    );
  }
}
