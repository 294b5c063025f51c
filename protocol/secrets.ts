/** The shortest secret either side accepts, in bytes of UTF-8. */
export const MIN_SECRET_BYTES = 32;

/**
 * Splits a secret setting into its secrets. Several secrets, used while a
 * key is rotated, are separated by commas or newlines; whitespace around
 * each one is ignored.
 *
 * @throws Error naming the problem when the list is empty or a secret is
 *   shorter than 32 bytes. The message never contains the secret.
 */
export function parseSecrets(value: string, source: string): string[] {
  const secrets = value
    .split(/[,\n]/)
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  if (secrets.length === 0) {
    throw new Error(
      `${source} is empty: set it to a random secret of at least ${MIN_SECRET_BYTES} bytes`,
    );
  }
  secrets.forEach((secret, index) => {
    const bytes = Buffer.byteLength(secret, 'utf8');
    if (bytes < MIN_SECRET_BYTES) {
      throw new Error(
        `secret ${index + 1} in ${source} is ${bytes} bytes long; use at least ${MIN_SECRET_BYTES} bytes, ` +
          'for example the output of `openssl rand -hex 32`',
      );
    }
  });
  return secrets;
}
