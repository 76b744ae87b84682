import type { CatalogSource } from './types';

/**
 * Secret attribute values (docs/rules.md#plaintext-secret): which attributes hold secrets, which
 * written values are only placeholders, and the one mask every output prints instead of a secret.
 */

/** What every output (reports, trigger payload, hovers, findings, the dry-run view) prints for a secret. */
export const SECRET_MASK = '********';

/**
 * Whether an attribute holds a secret: `password` (any case, as ISC's password attribute and the
 * channel decision name it), or an attribute the source's account schema marks `secret: true`
 * (isc-plan's own catalog key: ISC's account schema has no such flag).
 */
export function isSecretAttribute(name: string, source: CatalogSource | undefined): boolean {
  if (name.toLowerCase() === 'password') return true;
  return source?.accountSchema?.attributes.some((a) => a.secret === true && a.name === name) ?? false;
}

/**
 * A secret attribute's value as outputs show it: each value becomes `********`; a missing value
 * (`null`, or no value at all) stays missing, and a list keeps its length.
 */
export function maskSecret(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map(maskSecret);
  return SECRET_MASK;
}

/** An attribute request's value, masked when the attribute is secret on that source. */
export function shownValue(name: string, value: unknown, source: CatalogSource | undefined): unknown {
  return isSecretAttribute(name, source) ? maskSecret(value) : value;
}

/** Words that stand for "a value goes here", compared without case and without `_`, `-`, `.` or spaces. */
const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'changeit',
  'placeholder',
  'redacted',
  'todo',
  'tbd',
  'fixme',
]);

/** `{{…}}`, `${…}`, `#{…}`, `<…>`, `%…%`: template and substitution markers. */
const WRAPPED = /^(\{\{.*\}\}|\$\{.*\}|#\{.*\}|<.*>|%[^%\s]+%)$/s;

/** A run of mask characters: `********`, `••••`, `xxxx`. */
const MASKED = /^(\*+|•+|[xX]{3,})$/;

/**
 * Whether a written secret value is an obvious placeholder rather than a real secret: empty (or
 * blanks only), a template marker (`{{password}}`, `${PASSWORD}`, `#{pw}`, `<new password>`,
 * `%PASSWORD%`), a mask (`********`, `••••`, `xxxx`), or a placeholder word (`CHANGE_ME`,
 * `changeit`, `placeholder`, `redacted`, `TODO`, `TBD`, `FIXME`). Numbers and booleans are
 * literals.
 */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text === '' || WRAPPED.test(text) || MASKED.test(text)) return true;
  return PLACEHOLDER_WORDS.has(text.toLowerCase().replace(/[\s_.-]/g, ''));
}

/** Whether a written secret value holds anything but placeholders (numbers and booleans are literals). */
export function holdsLiteral(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some(holdsLiteral);
  if (typeof value === 'string') return !isPlaceholder(value);
  return true;
}
