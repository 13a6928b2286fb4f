import { t } from '../i18n/setup-i18n';
/** An error answer of the admin API: its sentence, status and the field it concerns. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly body?: unknown,
  ) {
    super(message);
  }

  /** The sentence without a leading "field: " (the form shows it next to that field already). */
  get fieldMessage(): string {
    if (this.field && this.message.startsWith(`${this.field}: `)) {
      const rest = this.message.slice(this.field.length + 2);
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }
    return this.message;
  }
}

let onUnauthorized: (() => void) | undefined;

/** Called when the session ended (401 on anything but the login itself). */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, t('common.serverUnreachable'));
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = parsed as { error?: string; field?: string } | undefined;
    if (response.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') onUnauthorized?.();
    throw new ApiError(
      response.status,
      error?.error ?? t('common.serverAnswered', { status: `${response.status} ${response.statusText}`.trim() }),
      error?.field,
      parsed,
    );
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = (path: string) => api<void>('DELETE', path);

export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const WHOLE_LIST_PAGE = 200;
const WHOLE_LIST_MAX_PAGES = 50;

/**
 * Every item of a list, following the cursor (lists the UI needs whole: groups, applications,
 * clients, users of one scope). A list too long to hold is an error rather than silently cut.
 */
export async function getAll<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < WHOLE_LIST_MAX_PAGES; page += 1) {
    const answer: Page<T> = await get<Page<T>>(`${path}${query({ ...params, limit: WHOLE_LIST_PAGE, cursor })}`);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) return items;
  }
  throw new Error(t('common.tooManyEntries', { count: items.length }));
}
