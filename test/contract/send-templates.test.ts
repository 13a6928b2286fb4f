import { describe, expect, it } from 'vitest';
import {
  bodyTemplateProblem,
  renderBody,
  renderHeader,
  renderUrl,
  unknownPlaceholder,
  urlTemplateProblem,
  valueAtPath,
} from '../../contract/send-templates';

const values = { to: '+49 170', from: 'A&B', text: 'x"y\n😀 {{to}}', reference: '../r?1' };

describe('the generic send driver’s templates', () => {
  it('refuse unknown placeholders and placeholders before the path of a URL', () => {
    expect(unknownPlaceholder('{{to}} {{ text }} {{secret}}')).toEqual({
      kind: 'unknownPlaceholder',
      name: '{{secret}}',
    });
    expect(urlTemplateProblem('https://gw.example/send?to={{to}}')).toBeUndefined();
    expect(urlTemplateProblem('https://gw.example/{{reference}}/x')).toBeUndefined();
    for (const url of [
      'https://{{to}}.example/',
      'https://gw.example{{to}}/',
      'https://gw.example:{{to}}/',
      'https://user:{{text}}@gw.example/',
      '{{text}}://gw.example/',
      'ht{{to}}tp://gw.example/',
    ])
      expect(urlTemplateProblem(url), url).toEqual({ kind: 'placeholderInHost' });
    for (const url of ['ftp://gw.example/', 'gw.example/send', 'https:///path', 'https://'])
      expect(urlTemplateProblem(url), url).toEqual({ kind: 'notHttpUrl' });
  });

  it('check that a JSON body is JSON once filled in', () => {
    expect(bodyTemplateProblem('{"text":"{{text}}"}', 'json')).toBeUndefined();
    expect(bodyTemplateProblem('{"text":{{text}}}', 'json')).toEqual({ kind: 'notJson' });
    expect(bodyTemplateProblem('text={{text}}', 'form')).toBeUndefined();
    expect(bodyTemplateProblem('', 'json')).toBeUndefined();
  });

  it('escape each value for where it stands, and never render a value’s own braces', () => {
    const url = renderUrl('https://gw.example/send/{{reference}}?to={{to}}&text={{text}}', values);
    const parsed = new URL(url);
    expect(parsed.host).toBe('gw.example');
    expect(parsed.pathname).toBe('/send/..%2Fr%3F1');
    expect(parsed.searchParams.get('text')).toBe(values.text);
    expect(JSON.parse(renderBody('{"t":"{{text}}","f":"{{from}}"}', 'json', values))).toEqual({
      t: values.text,
      f: values.from,
    });
    expect(Object.fromEntries(new URLSearchParams(renderBody('t={{text}}&f={{from}}', 'form', values)))).toEqual({
      t: values.text,
      f: values.from,
    });
    expect(renderBody('{{text}}', 'text', values)).toBe(values.text);
    expect(renderHeader('v {{text}}', values)).toBe(`v x"y ${encodeURIComponent('😀')} {{to}}`);
  });

  it('read the message id at a dotted path', () => {
    const answer = { messages: [{ id: 'abc' }, { id: 7 }], data: { ok: true } };
    expect(valueAtPath(answer, 'messages.0.id')).toBe('abc');
    expect(valueAtPath(answer, 'messages.1.id')).toBe('7');
    expect(valueAtPath(answer, 'data.ok')).toBeNull();
    expect(valueAtPath(answer, 'messages.2.id')).toBeNull();
    expect(valueAtPath(answer, 'constructor')).toBeNull();
    expect(valueAtPath('text', 'a')).toBeNull();
  });
});
