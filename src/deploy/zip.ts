// Deterministic zip archives: the same files give the same bytes (and so the same
// content hash) on any machine, in any time zone, on any day.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  data: Uint8Array;
  /** Unix permission bits; 0o644 unless executable (0o755). */
  executable?: boolean;
}

// Built from local fields so that the DOS date/time yazl derives (local time) is the
// same in every time zone; forceDosTimestamp drops the UTC extended-time field.
const FIXED_MTIME = () => new Date(1980, 0, 1, 0, 0, 0);

export function deterministicZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const seen = new Set<string>();
  for (const entry of sorted) {
    if (seen.has(entry.name)) throw new Error(`duplicate zip entry ${entry.name}`);
    seen.add(entry.name);
    zip.addBuffer(Buffer.from(entry.data), entry.name, {
      mtime: FIXED_MTIME(),
      mode: entry.executable ? 0o100755 : 0o100644,
      compress: true,
      compressionLevel: 9,
      forceDosTimestamp: true,
    });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.end();
  });
}

/** Every file under dir (recursively, skipping node_modules/.git unless asked), as zip entries. */
export async function directoryEntries(dir: string, options: { skip?: string[] } = {}): Promise<ZipEntry[]> {
  const skip = new Set(options.skip ?? ['.git', '.eda', '.aws-sam']);
  const out: ZipEntry[] = [];
  const walk = async (abs: string, rel: string) => {
    const items = await readdir(abs, { withFileTypes: true });
    for (const item of items) {
      if (skip.has(item.name)) continue;
      const childAbs = path.join(abs, item.name);
      const childRel = rel ? `${rel}/${item.name}` : item.name;
      if (item.isDirectory()) await walk(childAbs, childRel);
      else if (item.isFile() || item.isSymbolicLink()) {
        const info = await stat(childAbs);
        if (!info.isFile()) continue;
        out.push({ name: childRel, data: await readFile(childAbs), executable: (info.mode & 0o111) !== 0 });
      }
    }
  };
  await walk(dir, '');
  return out;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
