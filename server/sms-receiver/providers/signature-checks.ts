import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { sentence, type Sentence } from '../../../i18n/sentence';
import type { SignatureVerdict } from './provider-adapter';

/** How far a signed timestamp may be from now (either way) where the provider names no window. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export const VALID: SignatureVerdict = { valid: true };
export const refused = (reason: Sentence): SignatureVerdict => ({ valid: false, reason });
export const missingHeader = (header: string) => refused(sentence('delivery.signature.missing', { header }));
export const malformedHeader = (header: string) => refused(sentence('delivery.signature.malformed', { header }));
export const mismatch = (header: string) => refused(sentence('delivery.signature.mismatch', { header }));
export const unusableSecret = (why: Sentence) => refused(sentence('delivery.signature.unusableSecret', { why }));
export const emptySecret = () => unusableSecret(sentence('validation.required'));

/**
 * A Unix timestamp header (whole seconds) checked against `now`: null when it is within `limit`
 * seconds either way, else why not.
 */
export function timestampProblem(
  header: string,
  value: string,
  now: Date,
  limit = SIGNATURE_WINDOW_SECONDS,
): SignatureVerdict | null {
  if (!/^\d{1,12}$/.test(value)) return malformedHeader(header);
  const seconds = Math.abs(Math.floor(now.getTime() / 1000) - Number(value));
  return seconds > limit ? refused(sentence('delivery.signature.stale', { seconds, limit })) : null;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 (with its padding) as bytes, or null when it is not that. */
export function base64Bytes(text: string): Buffer | null {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

/** Compares in time that does not depend on where they differ; unequal lengths are unequal. */
export function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmac(algorithm: 'sha256' | 'sha384' | 'sha512', key: string, ...data: Uint8Array[]): Buffer {
  const mac = createHmac(algorithm, Buffer.from(key, 'utf8'));
  for (const chunk of data) mac.update(chunk);
  return mac.digest();
}

export const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
