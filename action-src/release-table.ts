import type {
  DeploymentMetadata,
  ReleaseList,
  ReleaseSummary,
} from '../protocol/index.js';

import { singleLine } from './single-line.js';

/** Characters of the commit id that the table shows, as `git log` abbreviates. */
const COMMIT_CHARS = 12;

/** Maximum characters of the message or ref column. */
const MAX_NOTE_CHARS = 72;

const HEADINGS = [
  'STATE',
  'RELEASE',
  'CREATED',
  'FILES',
  'SIZE',
  'COMMIT',
  'MESSAGE',
];

/** Columns that hold numbers, which are aligned to the right. */
const NUMERIC_COLUMNS = new Set([3, 4]);

/**
 * Formats a release list as an aligned text table, newest first. The state
 * column shows `live` for the live release and `staged` for one that never
 * went live. Every line ends with a newline.
 */
export function formatReleaseTable(list: ReleaseList): string {
  if (list.releases.length === 0) {
    return `site ${list.site} has no releases\n`;
  }
  const rows = [HEADINGS, ...list.releases.map(releaseRow)];
  const widths = HEADINGS.map((_, column) =>
    Math.max(...rows.map((row) => row[column].length)),
  );
  return rows.map((row) => `${formatRow(row, widths)}\n`).join('');
}

function releaseRow(summary: ReleaseSummary): string[] {
  const note = metadataText(summary, 'message') || metadataText(summary, 'ref');
  return [
    releaseState(summary),
    summary.release,
    formatTime(summary.createdAt),
    String(summary.files),
    formatBytes(summary.bytes),
    metadataText(summary, 'commit').slice(0, COMMIT_CHARS),
    truncate(note, MAX_NOTE_CHARS),
  ];
}

function releaseState(summary: ReleaseSummary): string {
  if (summary.live) {
    return 'live';
  }
  return summary.lastActivatedAt == null ? 'staged' : '';
}

/**
 * Returns a metadata field made safe for one line, or an empty string when
 * the receiver sent none or a value that is not a string.
 */
function metadataText(
  summary: ReleaseSummary,
  key: keyof DeploymentMetadata,
): string {
  const value: unknown = summary.metadata[key];
  return typeof value === 'string' ? singleLine(value) : '';
}

function formatRow(row: readonly string[], widths: readonly number[]) {
  const cells = row.map((cell, column) =>
    NUMERIC_COLUMNS.has(column)
      ? cell.padStart(widths[column])
      : cell.padEnd(widths[column]),
  );
  return cells.join('  ').trimEnd();
}

/**
 * Writes an ISO 8601 time in UTC to the second. Text that is not a time is
 * shown as the receiver sent it, made safe for one line.
 */
function formatTime(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    return singleLine(text);
  }
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Formats a size in bytes with binary units, such as `17.9 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}
