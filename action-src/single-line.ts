/** Maximum number of characters of receiver-supplied text in a message. */
const MAX_QUOTED_CHARS = 300;

/**
 * Makes receiver-supplied text safe to put in a one-line log message. Line
 * breaks and other control characters become spaces, so the text cannot
 * start a line of its own, which the Actions runner would read as a
 * workflow command such as `::add-mask::`. Long text is cut short.
 */
export function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  if (line.length <= MAX_QUOTED_CHARS) {
    return line;
  }
  return `${line.slice(0, MAX_QUOTED_CHARS)}…`;
}
