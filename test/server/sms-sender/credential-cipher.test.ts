import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../server/config';
import { decryptSecret, encryptSecret, parseSecretKey } from '../../../server/sms-sender/credential-cipher';

describe('the credential cipher', () => {
  const key = parseSecretKey(randomBytes(32).toString('base64'));

  it('reads a key as 64 hex digits or base64 of 32 bytes', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString('hex')).bytes.equals(bytes)).toBe(true);
    expect(parseSecretKey(bytes.toString('base64')).bytes.equals(bytes)).toBe(true);
    expect(parseSecretKey(bytes.toString('base64url')).bytes.equals(bytes)).toBe(true);
  });

  it('never says the key when a config holding it is logged or serialised', async () => {
    const text = randomBytes(32).toString('hex');
    const config = readConfig({ SWITCHBOARD_SECRET_KEY: text });
    const { inspect } = await import('node:util');
    for (const said of [JSON.stringify(config), inspect(config, { depth: 5 }), String(config.secretKey)]) {
      expect(said).not.toContain(text);
      expect(said).not.toContain(Buffer.from(text, 'hex').toString('base64'));
    }
  });

  it('refuses any other key at startup, naming the variable and not the value', () => {
    for (const bad of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), 'z'.repeat(64)]) {
      let message = '';
      try {
        readConfig({ SWITCHBOARD_SECRET_KEY: bad });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('SWITCHBOARD_SECRET_KEY');
      expect(message).not.toContain(bad);
    }
    expect(readConfig({}).secretKey).toBeUndefined();
  });

  it('encrypts with a fresh IV each time and decrypts what it wrote', () => {
    const text = JSON.stringify({ authToken: 'tök€n 😀' });
    const first = encryptSecret(key, text);
    const second = encryptSecret(key, text);
    expect(first).toMatch(/^v1:/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('authToken');
    expect(decryptSecret(key, first)).toBe(text);
    expect(decryptSecret(key, second)).toBe(text);
  });

  it('refuses text changed or made with another key, without saying the key', () => {
    const stored = encryptSecret(key, 'secret');
    const other = parseSecretKey(randomBytes(32).toString('hex'));
    expect(() => decryptSecret(other, stored)).toThrow(/SWITCHBOARD_SECRET_KEY/);
    const [version, iv, tag, ciphertext] = stored.split(':') as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret(key, [version, iv, tag, flipped.toString('base64url')].join(':'))).toThrow();
    expect(() => decryptSecret(key, `v2:${iv}:${tag}:${ciphertext}`)).toThrow(/format/);
  });
});
