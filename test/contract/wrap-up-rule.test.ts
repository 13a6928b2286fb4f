import { describe, expect, it } from 'vitest';
import { checkWrapUp, wrapUpRule } from '../../contract/wrap-up-rule';

const code = (id: string, active = true) => ({ id, code: id.toUpperCase(), label: `Label ${id}`, active });
const codes = [code('a'), code('b'), code('c', false)];

describe('wrapUpRule', () => {
  it('offers every active code of the client by default and requires none', () => {
    const rule = wrapUpRule({ wrapUpRequired: false, wrapUpCodeIds: null }, codes);
    expect(rule).toEqual({ required: false, requiredButNoneOffered: false, offered: [codes[0], codes[1]] });
  });

  it('offers only the chosen codes that are active', () => {
    const rule = wrapUpRule({ wrapUpRequired: true, wrapUpCodeIds: ['b', 'c'] }, codes);
    expect(rule).toEqual({ required: true, requiredButNoneOffered: false, offered: [codes[1]] });
  });

  it('requires nothing when the group asks for a code but offers none, and says so', () => {
    const rule = wrapUpRule({ wrapUpRequired: true, wrapUpCodeIds: ['c'] }, codes);
    expect(rule).toEqual({ required: false, requiredButNoneOffered: true, offered: [] });
    expect(wrapUpRule({ wrapUpRequired: true, wrapUpCodeIds: null }, []).requiredButNoneOffered).toBe(true);
  });
});

describe('checkWrapUp', () => {
  const required = wrapUpRule({ wrapUpRequired: true, wrapUpCodeIds: null }, codes);
  const optional = wrapUpRule({ wrapUpRequired: false, wrapUpCodeIds: ['a'] }, codes);

  it('refuses closing without a code where one is required', () => {
    for (const none of [null, undefined, ''])
      expect(checkWrapUp(required, none)).toEqual({ ok: false, reason: 'required' });
  });

  it('accepts an offered code, with the code', () => {
    expect(checkWrapUp(required, 'b')).toEqual({ ok: true, code: codes[1] });
    expect(checkWrapUp(optional, 'a')).toEqual({ ok: true, code: codes[0] });
  });

  it('accepts no code where none is required', () => {
    expect(checkWrapUp(optional, null)).toEqual({ ok: true, code: null });
  });

  it('refuses a code the group does not offer: unknown, inactive or not chosen', () => {
    expect(checkWrapUp(required, 'zzz')).toEqual({ ok: false, reason: 'notOffered' });
    expect(checkWrapUp(required, 'c')).toEqual({ ok: false, reason: 'notOffered' });
    expect(checkWrapUp(optional, 'b')).toEqual({ ok: false, reason: 'notOffered' });
  });
});
