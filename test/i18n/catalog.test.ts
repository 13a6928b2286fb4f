import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languages } from '../../i18n/languages';
import { messages } from '../../i18n/messages/messages';
import { AUDIT_ACTIONS } from '../../contract/audit-actions';

/** Every text of a catalog, by its dotted key. */
function flatten(tree: unknown, prefix = ''): Map<string, unknown> {
  const texts = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const entry of flatten(value, path)) texts.set(...entry);
    else texts.set(path, value);
  }
  return texts;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)\s*\/?>/g)].map((match) => match[0]).sort();

describe('the message catalog', () => {
  const english = flatten(messages.en);

  it.each(languages.filter((language) => language !== 'en'))('has in %s exactly the keys of English', (language) => {
    const other = flatten(messages[language]);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(languages)('has in %s a non-empty text for every key', (language) => {
    const empty = [...flatten(messages[language])].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it('uses in German the same {{placeholders}} and <tags> as in English', () => {
    const german = flatten(messages.de);
    const differing = [...english].filter(([key, text]) => {
      const other = String(german.get(key));
      return (
        JSON.stringify(placeholders(String(text))) !== JSON.stringify(placeholders(other)) ||
        JSON.stringify(tags(String(text))) !== JSON.stringify(tags(other))
      );
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });
});

describe('the audit log’s words', () => {
  it('name every action the server records, and no other', () => {
    const recorded = Object.entries(AUDIT_ACTIONS).flatMap(([type, actions]) => actions.map((a) => `${type}.${a}`));
    const worded = Object.entries(messages.en.audit.action).flatMap(([type, actions]) =>
      Object.keys(actions).map((a) => `${type}.${a}`),
    );
    expect(worded.sort()).toEqual(recorded.sort());
  });
});

const EDITOR = fileURLToPath(new URL('../../editor/src/', import.meta.url));
/** Owned elsewhere: the flow editor and routing pages (their own catalog area), and the API layer. */
const NOT_CONVERTED = ['routing/', 'api/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.tsx') ? [path] : [];
  });
}

/** Words a user reads, written into JSX instead of coming from the catalog. */
function untranslated(source: string): string[] {
  const found: string[] = [];
  // Words between tags: `>Save changes<`, `>No agents yet</` (not `=>` nor a type's `<T>`).
  for (const match of source.matchAll(
    /(?<![=\-])>\s*([A-Za-z][\w \n,.:;!?'’“”()…–—-]*[a-z][\w \n,.:;!?'’“”()…–—-]*?)\s*</g,
  )) {
    found.push(match[1]!.replace(/\s+/g, ' ').trim());
  }
  for (const match of source.matchAll(
    /\b(label|placeholder|title|description|aria-label|confirmLabel|submitLabel|errorTitle|nothingFoundMessage)="([^"]*[A-Za-z][^"]*)"/g,
  ))
    found.push(`${match[1]}="${match[2]}"`);
  return found;
}

describe('the web UI outside routing/', () => {
  /** Names that are the same in every language. */
  const ALLOWED = new Set(['Switchboard', 'Live']);
  const files = sourceFiles(EDITOR).filter(
    (path) => !NOT_CONVERTED.some((folder) => relative(EDITOR, path).startsWith(folder)),
  );

  it('has its files to check', () => expect(files.length).toBeGreaterThan(30));

  it.each(files.map((path) => [relative(EDITOR, path), path]))('%s writes no text into JSX', (_, path) => {
    const left = untranslated(readFileSync(path, 'utf8')).filter((text) => !ALLOWED.has(text));
    expect(left).toEqual([]);
  });

  it('would notice a text left in JSX', () => {
    expect(untranslated('<Button onClick={save}>Save changes</Button>')).toEqual(['Save changes']);
    expect(untranslated('<TextInput label="Display name" />')).toEqual(['label="Display name"']);
    expect(untranslated("<Text>{t('common.save')}</Text>")).toEqual([]);
  });
});
