// The templates of the generic HTTP send driver: `{{to}}`, `{{from}}`, `{{text}}` and
// `{{reference}}` in its URL, headers and body. Pure: checked when a connector is saved (the
// contract's schemas call `templateProblem`), rendered when a message is sent.

/** What a template may name. */
export const SEND_PLACEHOLDERS = ['to', 'from', 'text', 'reference'] as const;
export type SendPlaceholder = (typeof SEND_PLACEHOLDERS)[number];
export type SendValues = Readonly<Record<SendPlaceholder, string>>;

/** How a body is encoded, and so how a value is escaped in it. */
export const BODY_TYPES = ['json', 'form', 'text'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** `{{ name }}`; a `{{` without its `}}` is left as text. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** The scheme and authority of a URL: up to the first `/`, `?`, `#` or `\` (which URLs read as `/`). */
const URL_START = /^(https?:\/\/)([^/?#\\]*)/i;

/** Why a template is refused: an unknown placeholder, or (URLs) one in the scheme or host, or no http(s) URL at all. */
export type TemplateProblem =
  | { kind: 'unknownPlaceholder'; name: string }
  | { kind: 'placeholderInHost' }
  | { kind: 'notHttpUrl' }
  | { kind: 'notJson' };

const isPlaceholder = (name: string): name is SendPlaceholder =>
  (SEND_PLACEHOLDERS as readonly string[]).includes(name);

/** The first unknown placeholder of `template`, if any. */
export function unknownPlaceholder(template: string): TemplateProblem | undefined {
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!isPlaceholder(name)) return { kind: 'unknownPlaceholder', name: `{{${name}}}` };
  }
  return undefined;
}

/**
 * What is wrong with a URL template: it must start with http:// or https:// and a host written
 * out, so that a message's values can never choose where the request goes.
 */
export function urlTemplateProblem(template: string): TemplateProblem | undefined {
  const unknown = unknownPlaceholder(template);
  if (unknown) return unknown;
  const trimmed = template.trim();
  const start = URL_START.exec(trimmed);
  // `{{to}}://…` or `ht{{x}}tp://…`: a placeholder before the first `/` is in the scheme.
  if (!start) return /^[^/]*\{\{/.test(trimmed) ? { kind: 'placeholderInHost' } : { kind: 'notHttpUrl' };
  const authority = start[2]!;
  if (authority.includes('{{')) return { kind: 'placeholderInHost' };
  if (authority === '') return { kind: 'notHttpUrl' };
  try {
    new URL(renderUrl(template, SAMPLE));
  } catch {
    return { kind: 'notHttpUrl' };
  }
  return undefined;
}

/** What is wrong with a body template of `type`: a JSON body must be JSON once its values are in. */
export function bodyTemplateProblem(template: string, type: BodyType): TemplateProblem | undefined {
  const unknown = unknownPlaceholder(template);
  if (unknown) return unknown;
  if (type === 'json' && template.trim() !== '') {
    try {
      JSON.parse(renderBody(template, type, SAMPLE));
    } catch {
      return { kind: 'notJson' };
    }
  }
  return undefined;
}

/** Values with every character that needs escaping, for the save-time checks. */
const SAMPLE: SendValues = { to: '+4912345', from: 'Sender "1"', text: 'a "b" & c\n😀', reference: 'ref/1?x=y' };

function render(template: string, values: SendValues, escape: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? escape(values[name]) : whole));
}

/** The URL with each value percent-encoded (`encodeURIComponent`): a value cannot add a path, query or fragment. */
export const renderUrl = (template: string, values: SendValues) => render(template.trim(), values, encodeURIComponent);

/**
 * A header value: line breaks (which would start another header) become spaces, and what HTTP
 * headers cannot carry as text (other control characters, anything beyond ASCII such as `ü` or an
 * emoji) is percent-encoded as UTF-8, as in a URL.
 */
export const renderHeader = (template: string, values: SendValues) =>
  render(template, values, headerSafe).replace(/[\r\n]+/g, ' ');

const headerSafe = (value: string) =>
  value.replace(/[\r\n]+/g, ' ').replace(/[^\t\x20-\x7e]/gu, (char) => encodeURIComponent(char));

/** The body, each value escaped for `type`: inside a JSON string, form-encoded, or as it is. */
export function renderBody(template: string, type: BodyType, values: SendValues): string {
  switch (type) {
    case 'json':
      return render(template, values, (value) => JSON.stringify(value).slice(1, -1));
    case 'form':
      return render(template, values, (value) => new URLSearchParams({ v: value }).toString().slice(2));
    case 'text':
      return render(template, values, (value) => value);
  }
}

/** The content type a body of `type` is sent with (unless a header says otherwise). */
export const BODY_CONTENT_TYPES: Readonly<Record<BodyType, string>> = {
  json: 'application/json; charset=utf-8',
  form: 'application/x-www-form-urlencoded; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** A dotted path into a JSON answer (`messages.0.id`): names and list positions, nothing else. */
export const ID_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,9}$/;

/** The value at `path` in `json`, as text when it is a string or a number; null otherwise. */
export function valueAtPath(json: unknown, path: string): string | null {
  let node: unknown = json;
  for (const segment of path.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (node !== null && typeof node === 'object' && Object.hasOwn(node, segment))
      node = (node as Record<string, unknown>)[segment];
    else return null;
  }
  if (typeof node === 'string' && node !== '') return node;
  if (typeof node === 'number' && Number.isFinite(node)) return String(node);
  return null;
}
