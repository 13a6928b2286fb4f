import { afterAll, beforeAll } from 'vitest';

/**
 * Something a whole test file (or the `describe` this is called in) shares: `start` runs in
 * `beforeAll` and `stop` in `afterAll`, both registered where this is called, so it starts before
 * the hooks registered after it and stops after them. The answer reads through to what `start`
 * answered (methods bound to it); reading it before it started throws. `more` adds members that
 * can replace it (`replace`), such as a restart.
 */
export function useForAll<T extends object, More extends object = object>(
  name: string,
  start: () => Promise<T>,
  stop: (value: T) => Promise<void>,
  more?: (current: () => T, replace: (next: T) => void) => More,
): T & More {
  let started: T | undefined;
  const current = (): T => {
    if (!started) throw new Error(`${name} starts in beforeAll: use it in hooks and tests`);
    return started;
  };
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    if (started) await stop(started);
  });
  const extra: object =
    more?.(current, (next) => {
      started = next;
    }) ?? {};
  return new Proxy(extra, {
    get(target, key) {
      if (key in target) return Reflect.get(target, key);
      const value = current();
      const member: unknown = Reflect.get(value, key);
      return typeof member === 'function' ? member.bind(value) : member;
    },
  }) as T & More;
}
