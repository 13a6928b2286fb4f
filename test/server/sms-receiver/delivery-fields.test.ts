import { describe, expect, it } from 'vitest';
import { pickDeliveryFields, storableFields } from '../../../server/sms-receiver/delivery-fields';

/** One parameter source (the body or the query) with its fields in the order they arrived. */
const source = (fields: Array<[string, string]>) => new Map(fields);

describe('pickDeliveryFields', () => {
  it('reads every field under each of its names', () => {
    expect(
      pickDeliveryFields([
        source([
          ['ziel', '1'],
          ['absender', '2'],
          ['smstext', '3'],
          ['keyword', '4'],
          ['token', '5'],
          ['MessageSid', '6'],
        ]),
      ]),
    ).toEqual({ receiver: '1', sender: '2', message: '3', keyword: '4', token: '5', messageId: '6' });
    expect(
      pickDeliveryFields([
        source([
          ['system', '1'],
          ['data', '3'],
          ['msgid', '6'],
        ]),
      ]),
    ).toEqual({
      receiver: '1',
      message: '3',
      messageId: '6',
    });
  });

  it('matches names in any letter case', () => {
    expect(
      pickDeliveryFields([
        source([
          ['RECEIVER', '1'],
          ['Absender', '2'],
          ['SmsText', '3'],
          ['KEYWORD', '4'],
          ['Token', '5'],
          ['MESSAGEID', '6'],
        ]),
      ]),
    ).toEqual({ receiver: '1', sender: '2', message: '3', keyword: '4', token: '5', messageId: '6' });
    expect(pickDeliveryFields([source([['messagesid', 'x']])])).toEqual({ messageId: 'x' });
  });

  it('ignores fields it does not know', () => {
    expect(
      pickDeliveryFields([
        source([
          ['to', '1'],
          ['text', 'x'],
          ['receivers', '2'],
        ]),
      ]),
    ).toEqual({});
  });

  describe('when a source names a field twice', () => {
    it.each([
      [['receiver', 'ziel', 'system'], 'receiver'],
      [['system', 'ziel', 'receiver'], 'receiver'],
      [['system', 'ziel'], 'ziel'],
      [['ziel', 'system'], 'ziel'],
    ])('the name listed first in the contract wins, in whatever order they came: %j', (names, winner) => {
      const picked = pickDeliveryFields([source(names.map((name) => [name, `from ${name}`]))]);
      expect(picked.receiver).toBe(`from ${winner}`);
    });

    it('applies the same order to the other fields', () => {
      const picked = pickDeliveryFields([
        source([
          ['smstext', 'c'],
          ['data', 'b'],
          ['message', 'a'],
          ['absender', 'y'],
          ['sender', 'x'],
          ['MessageSid', '4'],
          ['msgid', '3'],
          ['id', '2'],
        ]),
      ]);
      expect(picked).toEqual({ message: 'a', sender: 'x', messageId: '2' });
    });

    it('keeps the first of one name given twice in different letter case', () => {
      expect(
        pickDeliveryFields([
          source([
            ['Receiver', 'first'],
            ['RECEIVER', 'second'],
          ]),
        ]).receiver,
      ).toBe('first');
    });
  });

  describe('across sources (the body, then the query)', () => {
    it('takes a field from the body even when the query has a higher-ranked name for it', () => {
      const body = source([['ziel', 'from body']]);
      const query = source([['receiver', 'from query']]);
      expect(pickDeliveryFields([body, query]).receiver).toBe('from body');
    });

    it('takes from the query what the body lacks', () => {
      const body = source([['message', 'text']]);
      const query = source([
        ['receiver', '1'],
        ['sender', '2'],
        ['message', 'ignored'],
      ]);
      expect(pickDeliveryFields([body, query])).toEqual({ receiver: '1', sender: '2', message: 'text' });
    });

    it('counts an empty value as given', () => {
      const body = source([['message', '']]);
      const query = source([['message', 'from query']]);
      expect(pickDeliveryFields([body, query]).message).toBe('');
    });
  });
});

describe('storableFields', () => {
  it('keeps every field as it arrived, the body winning over the query, but never a token', () => {
    const body = source([
      ['ziel', '1'],
      ['extra', 'body'],
      ['TOKEN', 'secret-1'],
    ]);
    const query = source([
      ['extra', 'query'],
      ['token', 'secret-2'],
      ['Token', 'secret-3'],
      ['other', 'q'],
    ]);
    expect(storableFields([body, query])).toEqual({ ziel: '1', extra: 'body', other: 'q' });
  });
});
