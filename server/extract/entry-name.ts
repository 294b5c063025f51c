import { DeployError } from '../errors.js';

/** Maximum length of an entry name in bytes, trailing slash included. */
export const MAX_NAME_BYTES = 1024;
/** Maximum length of one path segment in bytes, the usual NAME_MAX. */
export const MAX_SEGMENT_BYTES = 255;
/** Maximum number of path segments in an entry name. */
export const MAX_DEPTH = 64;

/** General purpose bit 11: the name and comment are encoded in UTF-8. */
const UTF8_FLAG = 0x800;
/** Maximum length, in characters, of a name shown in an error message. */
const MAX_SHOWN_CHARACTERS = 200;
/** DEL, C1 controls, zero-width and bidirectional formatting characters. */
const INVISIBLE_CHARACTERS =
  /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

// `ignoreBOM` keeps a leading U+FEFF in the name. The default strips it, so
// "\uFEFFa.html" would be written as "a.html" next to a real "a.html".
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A validated entry name. */
export interface EntryName {
  /** Decoded name as the archive spells it, for error messages. */
  text: string;
  /** Relative path with "/" separators and without the trailing slash. */
  path: string;
  /** Whether the name ended with "/", which marks a folder entry. */
  isFolder: boolean;
}

/**
 * Decodes and validates the raw name of a central directory record.
 *
 * Names must be UTF-8 whether or not general purpose bit 11 is set, because
 * guessing CP437 would write names the sender did not mean. The name must be
 * a relative path with non-empty segments and no "." or ".." segments, no
 * backslash, no control character and no U+FFFD, within the length and depth
 * limits. Throws DeployError with code unsafe_entry_name otherwise.
 */
export function parseEntryName(raw: Buffer, flags: number): EntryName {
  if (raw.length === 0) {
    throw unsafeName(
      'archive contains an entry with an empty name. Every entry needs a ' +
        'relative path such as "index.html".',
    );
  }
  const name = decodeName(raw, flags);
  checkLength(name, raw.length);
  checkCharacters(name);
  checkRoot(name);

  const isFolder = name.endsWith('/');
  const path = isFolder ? name.slice(0, -1) : name;
  checkSegments(name, path);
  return { text: name, path, isFolder };
}

/**
 * Quotes a hostile entry name for an error message. JSON.stringify escapes C0
 * controls, and this also escapes DEL, C1 controls and the invisible
 * formatting characters that could hide or reorder text. Names longer than
 * 200 characters are cut short.
 */
export function quoteEntryName(name: string): string {
  const shownName = name.slice(0, MAX_SHOWN_CHARACTERS);
  const quoted = JSON.stringify(shownName).replace(INVISIBLE_CHARACTERS, (c) =>
    escapeCharacter(c),
  );
  return shownName.length < name.length ? `${quoted}...` : quoted;
}

/** Escapes one UTF-16 code unit as \uXXXX. */
export function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function decodeName(raw: Buffer, flags: number): string {
  try {
    return utf8Decoder.decode(raw);
  } catch {
    const hexPrefix = raw.subarray(0, 64).toString('hex');
    const marking =
      flags & UTF8_FLAG
        ? 'although the archive marks it as UTF-8'
        : 'and the archive marks it as CP437';
    throw unsafeName(
      `archive entry name 0x${hexPrefix} is not valid UTF-8, ${marking}. ` +
        'Create the archive with UTF-8 file names, because CP437 and other ' +
        'legacy encodings are not supported.',
    );
  }
}

function checkLength(name: string, byteLength: number): void {
  if (byteLength <= MAX_NAME_BYTES) return;
  throw unsafeName(
    `archive entry ${quoteEntryName(name)} is ${byteLength} bytes long, ` +
      `more than the maximum of ${MAX_NAME_BYTES} bytes. Shorten the path.`,
  );
}

function checkCharacters(name: string): void {
  for (const character of name) {
    const codePoint = character.codePointAt(0) ?? 0;
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    if (isControlCharacter(codePoint)) {
      throw unsafeName(
        `archive entry ${quoteEntryName(name)} contains the control ` +
          `character U+${hex}. Rename the file without control characters.`,
      );
    }
    if (character === '\\') {
      throw unsafeName(
        `archive entry ${quoteEntryName(name)} contains a backslash. Entry ` +
          'names must use "/" as the folder separator.',
      );
    }
    if (character === '\uFFFD') {
      throw unsafeName(
        `archive entry ${quoteEntryName(name)} contains U+FFFD, which ` +
          'usually means that the name was garbled by a wrong encoding ' +
          'before it was packed. Rename the file.',
      );
    }
  }
}

/** Returns whether `codePoint` is a C0 control, DEL or C1 control. */
function isControlCharacter(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

function checkRoot(name: string): void {
  if (name.startsWith('/')) {
    throw unsafeName(
      `archive entry ${quoteEntryName(name)} is an absolute path. Entry ` +
        'names must be relative to the site root.',
    );
  }
  if (/^[A-Za-z]:/.test(name)) {
    throw unsafeName(
      `archive entry ${quoteEntryName(name)} starts with a drive letter. ` +
        'Entry names must be relative to the site root.',
    );
  }
}

function checkSegments(name: string, path: string): void {
  const segments = path.split('/');
  if (segments.length > MAX_DEPTH) {
    throw unsafeName(
      `archive entry ${quoteEntryName(name)} has ${segments.length} path ` +
        `segments, more than the maximum of ${MAX_DEPTH}.`,
    );
  }
  for (const segment of segments) checkSegment(name, segment);
}

function checkSegment(name: string, segment: string): void {
  const quoted = quoteEntryName(name);
  if (segment === '..') {
    throw unsafeName(
      `archive entry ${quoted} leaves the release folder. Entry names must ` +
        'be relative paths without ".." segments.',
    );
  }
  // A "." segment is rejected rather than normalized, so "./a.html" and
  // "a.html" can never both name one file.
  if (segment === '.') {
    throw unsafeName(
      `archive entry ${quoted} contains a "." segment. Remove it, for ` +
        'example write "a.html" rather than "./a.html".',
    );
  }
  if (segment === '') {
    throw unsafeName(
      `archive entry ${quoted} contains an empty path segment. Entry names ` +
        'must not contain "//" or end with more than one "/".',
    );
  }
  const byteLength = Buffer.byteLength(segment);
  if (byteLength > MAX_SEGMENT_BYTES) {
    throw unsafeName(
      `archive entry ${quoted} has a path segment of ${byteLength} bytes, ` +
        `more than the maximum of ${MAX_SEGMENT_BYTES} bytes.`,
    );
  }
}

function unsafeName(message: string): DeployError {
  return new DeployError('unsafe_entry_name', message);
}
