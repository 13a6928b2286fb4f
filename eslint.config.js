// ESLint checks one thing here: the import boundaries of the layers (no style rules; Prettier
// formats). The web UI never imports the server; the pure modules import no I/O.
import { builtinModules } from 'node:module';
import tsParser from '@typescript-eslint/parser';

const PURE = ['workflows/**/*.{ts,tsx}', 'contract/**/*.{ts,tsx}', 'i18n/**/*.{ts,tsx}'];
const WEB = ['editor/src/**/*.{ts,tsx}'];

const segment = (name) => `(^|/)${name}(/|$)`;
const server = {
  regex: segment('server'),
  message: 'Only the server imports server/; share a shape through contract/.',
};
const editor = { regex: segment('editor'), message: 'A pure module does not import the web UI.' };
const io = {
  regex: `^(node:|(${builtinModules.join('|')})(/|$)|pg(/|$)|kysely(/|$)|@electric-sql/|hono(/|$)|@hono/|nodemailer(/|$))`,
  message: 'A pure module does no I/O: pass the effect in from the server.',
};

export default [
  { ignores: ['**/*.{js,mjs,cjs}', '**/dist/**'] },
  {
    files: [...WEB, ...PURE],
    languageOptions: { parser: tsParser },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  { files: WEB, rules: { 'no-restricted-imports': ['error', { patterns: [server] }] } },
  { files: PURE, rules: { 'no-restricted-imports': ['error', { patterns: [server, editor, io] }] } },
];
