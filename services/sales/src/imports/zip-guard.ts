import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { ImportFileError, ImportTooLargeError } from './import-errors';

/** Entries an XLSX may have (a workbook has a few dozen; thousands are an attack or a mistake). */
export const MAX_XLSX_ENTRIES = 1_000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = 1024 * 1024;

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const damaged = (why: string) => new ImportFileError(`the XLSX file is damaged: ${why}`);

async function readAt(file: Awaited<ReturnType<typeof open>>, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The central directory: every entry with the sizes the archive declares for it. */
async function centralDirectory(
  file: Awaited<ReturnType<typeof open>>,
  size: number,
): Promise<{ entries: Entry[]; directoryOffset: number }> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(file, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  if (at < 0) throw damaged('it is not a complete zip archive (no central directory)');
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new ImportTooLargeError('ZIP64 archives are not accepted for imports');
  if (count > MAX_XLSX_ENTRIES)
    throw new ImportTooLargeError(
      `the XLSX file has ${count} entries; the limit is ${MAX_XLSX_ENTRIES}`,
    );
  if (directoryOffset + directorySize > size) throw damaged('the central directory is cut off');
  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: Entry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL)
      throw damaged('the central directory is malformed');
    const nameLength = directory.readUInt16LE(p + 28);
    const next =
      p + 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    const entry: Entry = {
      flags: directory.readUInt16LE(p + 8),
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      declaredSize: directory.readUInt32LE(p + 24),
      localOffset: directory.readUInt32LE(p + 42),
      name: directory.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.declaredSize === 0xffffffff || entry.compressedSize === 0xffffffff)
      throw new ImportTooLargeError('ZIP64 archives are not accepted for imports');
    entries.push(entry);
    p = next;
  }
  return { entries, directoryOffset };
}

/** Where an entry's data starts, after its local header. */
async function dataStart(file: Awaited<ReturnType<typeof open>>, entry: Entry): Promise<number> {
  const header = await readAt(file, entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
    throw damaged(`no local header for ${entry.name}`);
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** Data descriptor lengths that may follow an entry's data (flag bit 3): with or without signature, zip64. */
const DESCRIPTOR_LENGTHS = [12, 16, 20, 24];

/**
 * Inflates one entry, counting what comes out, and stops as soon as it is more than `cap`
 * bytes (never holding more than a chunk in memory). Returns the bytes it unzips to.
 */
async function unzippedSize(path: string, start: number, entry: Entry, cap: number) {
  if (entry.method === 0) return entry.compressedSize;
  if (entry.method !== 8)
    throw new ImportFileError(
      `the XLSX file uses a compression method imports do not read (${entry.method} in ${entry.name})`,
    );
  if (entry.compressedSize === 0) return 0;
  let total = 0;
  const over = new Error('over');
  try {
    await pipeline(
      createReadStream(path, { start, end: start + entry.compressedSize - 1 }),
      createInflateRaw(),
      async function (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          total += chunk.length;
          if (total > cap) throw over;
        }
      },
    );
  } catch (err) {
    if (err !== over) throw damaged(`${entry.name} cannot be unzipped (${(err as Error).message})`);
  }
  return total;
}

/**
 * Checks an XLSX (a zip archive) on disk before anything parses it, so that a small upload
 * cannot unzip to gigabytes: at most MAX_XLSX_ENTRIES entries, no ZIP64, the entries laid
 * end to end (no data hidden from the central directory, which a streaming reader would still
 * read), and every entry really inflated with a counter: it may not unzip to more than it
 * declares, nor all of them together to more than `maxUncompressedMb`.
 */
export async function checkXlsxArchive(path: string, maxUncompressedMb: number): Promise<void> {
  const limit = maxUncompressedMb * MB;
  const tooLarge = () =>
    new ImportTooLargeError(
      `the XLSX file unzips to more than ${maxUncompressedMb} MB; the limit for an import is ${maxUncompressedMb} MB uncompressed`,
    );
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const { entries, directoryOffset } = await centralDirectory(file, size);
    if (entries.reduce((sum, e) => sum + e.declaredSize, 0) > limit) throw tooLarge();
    const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
    let expected = 0;
    let total = 0;
    for (const entry of byOffset) {
      const gap = entry.localOffset - expected;
      const previous = byOffset[byOffset.indexOf(entry) - 1];
      if (gap !== 0 && !(previous && previous.flags & 8 && DESCRIPTOR_LENGTHS.includes(gap)))
        throw damaged(`unexpected data before ${entry.name}`);
      const start = await dataStart(file, entry);
      const unzipped = await unzippedSize(
        path,
        start,
        entry,
        Math.min(entry.declaredSize, limit - total),
      );
      if (unzipped > limit - total) throw tooLarge();
      if (unzipped !== entry.declaredSize)
        throw damaged(
          `${entry.name} unzips to ${unzipped > entry.declaredSize ? 'more' : 'less'} than the ${entry.declaredSize} bytes it declares`,
        );
      total += unzipped;
      expected = start + entry.compressedSize;
    }
    const last = byOffset.at(-1);
    const gap = directoryOffset - expected;
    if (gap !== 0 && !(last && last.flags & 8 && DESCRIPTOR_LENGTHS.includes(gap)))
      throw damaged('unexpected data before the central directory');
  } finally {
    await file.close();
  }
}
