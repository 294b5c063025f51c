/** Limits on the work and disk space that one archive may take. */
export interface ExtractLimits {
  /** Maximum number of central directory records, folder entries included. */
  maxEntries: number;
  /** Maximum total uncompressed size of all files, in bytes. */
  maxUnpackedBytes: number;
  /**
   * Maximum ratio of uncompressed to compressed size of one entry. Only
   * entries that declare more than `RATIO_CHECK_MIN_BYTES` are checked.
   */
  maxCompressionRatio: number;
}

/** Default limits, sized for a large static site rather than any one host. */
export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = Object.freeze({
  maxEntries: 100_000,
  maxUnpackedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
});

/**
 * Uncompressed size in bytes above which the compression ratio is checked.
 * Small entries are exempt because their size cannot fill a disk, and small
 * files of repeated bytes (padding, blank SVGs) legitimately reach high ratios.
 */
export const RATIO_CHECK_MIN_BYTES = 1024 * 1024;
