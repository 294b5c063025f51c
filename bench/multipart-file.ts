import { Transform, type TransformCallback } from 'node:stream';

/** Maximum size in bytes of the first boundary line and part headers. */
const MAX_PART_HEADER_BYTES = 16 * 1024;

/**
 * Streams out the content of the only part of a multipart/form-data body,
 * such as the one `curl -F archive=@site.zip` sends. This minimal parser of
 * the baseline receiver requires exactly one part, named `archive`. It does
 * not look for further boundaries inside the content, so a body with more
 * parts ends up in the file and fails the hash check.
 */
export class SingleFilePart extends Transform {
  readonly #opening: Buffer;
  readonly #closing: Buffer;
  #header: Buffer | undefined = Buffer.alloc(0);
  /** Bytes held back because they may belong to the closing boundary. */
  #tail = Buffer.alloc(0);

  constructor(boundary: string) {
    super();
    this.#opening = Buffer.from(`--${boundary}\r\n`);
    this.#closing = Buffer.from(`\r\n--${boundary}--`);
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    if (this.#header !== undefined) {
      const header = Buffer.concat([this.#header, chunk]);
      const end = header.indexOf('\r\n\r\n');
      if (end === -1) {
        if (header.length > MAX_PART_HEADER_BYTES) {
          callback(new Error('the multipart part headers are too long'));
          return;
        }
        this.#header = header;
        callback();
        return;
      }
      const error = this.#checkHeader(header.subarray(0, end).toString());
      if (error !== undefined) {
        callback(new Error(error));
        return;
      }
      this.#header = undefined;
      chunk = header.subarray(end + 4);
    }
    this.#pushContent(chunk);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.#header !== undefined) {
      callback(new Error('the multipart body ended inside the part headers'));
      return;
    }
    const closingLine = Buffer.concat([this.#closing, Buffer.from('\r\n')]);
    let contentEnd: number;
    if (endsWith(this.#tail, closingLine)) {
      contentEnd = this.#tail.length - closingLine.length;
    } else if (endsWith(this.#tail, this.#closing)) {
      contentEnd = this.#tail.length - this.#closing.length;
    } else {
      callback(new Error('the multipart body does not end with its boundary'));
      return;
    }
    this.push(this.#tail.subarray(0, contentEnd));
    callback();
  }

  /** Pushes all but the last bytes, which may be the closing boundary. */
  #pushContent(chunk: Buffer): void {
    const data = Buffer.concat([this.#tail, chunk]);
    const keep = this.#closing.length + 2;
    if (data.length <= keep) {
      this.#tail = data;
      return;
    }
    this.push(data.subarray(0, data.length - keep));
    this.#tail = Buffer.from(data.subarray(data.length - keep));
  }

  #checkHeader(header: string): string | undefined {
    if (!header.startsWith(this.#opening.toString())) {
      return 'the multipart body does not start with its boundary';
    }
    if (!/content-disposition:[^\r\n]*name="archive"/i.test(header)) {
      return 'the multipart part is not named "archive"';
    }
    return undefined;
  }
}

function endsWith(data: Buffer, suffix: Buffer): boolean {
  return (
    data.length >= suffix.length &&
    data.subarray(data.length - suffix.length).equals(suffix)
  );
}

/** Returns the boundary of a multipart/form-data Content-Type, if any. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    return undefined;
  }
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}
