/**
 * Parses a setting that must be a whole number of at least `min`, such as
 * a timeout in seconds or a retry count. Only plain decimal digits are
 * accepted, so values like `1e3`, `0x10` or `2.5` are rejected rather than
 * read as something the user did not mean.
 *
 * @param name The setting's name as the user wrote it, for the message.
 * @throws Error naming the setting and the value when it is invalid.
 */
export function parseIntegerSetting(
  name: string,
  value: string,
  min: 0 | 1,
): number {
  const trimmed = value.trim();
  const parsed = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    const kind = min === 0 ? 'a non-negative' : 'a positive';
    throw new Error(`${name} must be ${kind} integer, got "${value}"`);
  }
  return parsed;
}
