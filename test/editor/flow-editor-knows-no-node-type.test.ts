import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { configSchemaOf, nodeTypeCatalog, type ConfigJsonSchema } from '../../workflows';

// The web UI draws every node type from its declaration; it must not know one by its id or by the
// names of its config fields. Ids are checked as string literals. Field names are checked as
// string literals, `.name` accesses and object keys, except those that are ordinary property names anyway:
// declared by the platform (TypeScript's DOM and ES libraries) or by the API's own shapes
// (`value`, `name`, `headers`, `acdGroupId`, … mean something else there).

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function filesUnder(directory: string, extensions: RegExp): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extensions.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function fieldNamesOf(schema: ConfigJsonSchema, names = new Set<string>()): Set<string> {
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    names.add(key);
    fieldNamesOf(property, names);
  }
  for (const child of [schema.items, schema.additionalProperties, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    if (typeof child === 'object') fieldNamesOf(child, names);
  return names;
}

/** Property names the files declare: in interfaces and classes, and with `objectKeys` as keys of object literals (zod shapes). */
function declaredPropertyNames(files: readonly string[], { objectKeys = false } = {}): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node): void => {
      if (
        (ts.isPropertySignature(node) ||
          ts.isMethodSignature(node) ||
          ts.isPropertyDeclaration(node) ||
          (objectKeys && ts.isPropertyAssignment(node))) &&
        (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
      )
        names.add(node.name.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return names;
}

const typeIds = new Set<string>(nodeTypeCatalog.map((nodeType) => nodeType.type));
const fieldNames = new Set(nodeTypeCatalog.flatMap((nodeType) => [...fieldNamesOf(configSchemaOf(nodeType))]));
const libDirectory = join(repoRoot, 'node_modules/typescript/lib');
// The API's shapes are zod objects in contract/, whose keys are the names.
const ordinaryNames = new Set([
  ...declaredPropertyNames([
    ...filesUnder(libDirectory, /^lib\.(dom|es5|es20\d\d)[.\w]*\.d\.ts$/),
    ...filesUnder(join(repoRoot, 'editor/src/api'), /\.ts$/),
  ]),
  ...declaredPropertyNames(filesUnder(join(repoRoot, 'contract'), /\.ts$/), { objectKeys: true }),
]);
const configFieldNames = new Set([...fieldNames].filter((name) => !ordinaryNames.has(name)));

interface Mention {
  line: number;
  text: string;
}

/** Where a source names a node type id or a node config field. */
function nodeTypeMentions(fileName: string, text: string): Mention[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const mentions: Mention[] = [];
  const mention = (node: ts.Node) =>
    mentions.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText() });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (typeIds.has(node.text) || configFieldNames.has(node.text)) mention(node);
    } else if (ts.isPropertyAccessExpression(node) && configFieldNames.has(node.name.text)) {
      mention(node);
    } else if (
      (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
      ts.isIdentifier(node.name) &&
      configFieldNames.has(node.name.text)
    ) {
      // A table keyed by field names, such as `{ caseInsensitive: 'Ignore case' }`.
      mention(node.name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return mentions;
}

describe('the web UI', () => {
  it('knows the node types and their config fields to look for', () => {
    expect(typeIds).toContain('percentage_split');
    expect(typeIds).toContain('business_hours');
    // Names only node configs use are checked wherever they appear …
    for (const name of ['cases', 'branches', 'caseInsensitive', 'saveAs', 'holidays', 'mon'])
      expect(configFieldNames).toContain(name);
    // … while everyday property names are not mistaken for them.
    for (const name of ['value', 'name', 'id', 'label', 'headers', 'acdGroupId', 'timeZone'])
      expect(configFieldNames).not.toContain(name);
  });

  it('finds a type id or a config field however a file names it', () => {
    const source = [
      "const items = type === 'switch' ? config.cases : config['branches'];",
      'const hours = <WeeklyHoursEditor days={["mon"]} />;',
      "const ok = event.currentTarget.value + row.name + 'value' + `Switch`;",
      "const TITLES = { caseInsensitive: 'Ignore case', label: 'Label' };",
    ].join('\n');
    expect(nodeTypeMentions('sample.tsx', source)).toEqual([
      { line: 1, text: "'switch'" },
      { line: 1, text: 'config.cases' },
      { line: 1, text: "'branches'" },
      { line: 2, text: '"mon"' },
      { line: 4, text: 'caseInsensitive' },
    ]);
  });

  it('names no node type id and no config field in any file under editor/src', () => {
    const mentions = filesUnder(join(repoRoot, 'editor/src'), /\.tsx?$/).flatMap((file) =>
      nodeTypeMentions(file, readFileSync(file, 'utf8')).map(
        (found) => `${relative(repoRoot, file)}:${found.line}: ${found.text}`,
      ),
    );
    expect(mentions).toEqual([]);
  });
});
