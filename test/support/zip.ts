import AdmZip from 'adm-zip';

/** Builds a zip in memory from a map of entry names to contents. */
export function zipOf(files: Record<string, string | Buffer>): Buffer {
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(files)) {
    zip.addFile(
      name,
      typeof content === 'string' ? Buffer.from(content) : content,
    );
  }
  return zip.toBuffer();
}
