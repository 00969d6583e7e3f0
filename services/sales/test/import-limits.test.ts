import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { aViewer, unique } from '@crm/testing';
import { pipelineRules, usePipelineRules } from '../src/env';
import { startSales, type SalesHarness } from './harness';

// Security finding (issue 11): uploads were capped by compressed size only. An XLSX is a zip,
// and a small one can unzip to gigabytes (an XLSX bomb).

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

interface ZipEntry {
  name: string;
  /** The deflated data. */
  data: Buffer;
  crc: number;
  /** What the archive says the entry unzips to. */
  declaredSize: number;
}

/** A zip archive as a writer lays it out: local headers with data, central directory, end. */
function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const small = (name: string, text: string): ZipEntry => {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), crc: crc32(raw), declaredSize: raw.length };
};

const CONTENT_TYPES = small(
  '[Content_Types].xml',
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

/** `mb` megabytes of spaces, deflated a megabyte at a time (about 1 KB per MB compressed). */
async function spaces(name: string, mb: number): Promise<ZipEntry> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  let crc = 0;
  for (let i = 0; i < mb; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  await new Promise((r) => deflate.end(r));
  return { name, data: Buffer.concat(out), crc, declaredSize: mb * chunk.length };
}

async function upload(file: Buffer, name = 'customers.xlsx') {
  return request(h.app)
    .post('/imports/customers')
    .set('authorization', `Bearer ${await h.tokenFor(aViewer())}`)
    .attach('file', file, name);
}

const importFiles = () => readdirSync(tmpdir()).filter((f) => f.startsWith('crm-import-'));

describe('import size limits', () => {
  it('refuses a small XLSX that unzips beyond the limit with 413, before parsing it', async () => {
    const limit = pipelineRules().IMPORT_MAX_UNCOMPRESSED_MB;
    const bomb = zipOf([CONTENT_TYPES, await spaces('xl/worksheets/sheet1.xml', limit + 1)]);
    expect(bomb.length).toBeLessThan(1024 * 1024); // a small upload
    const before = importFiles();
    const res = await upload(bomb);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      status: 'FAILED',
      error: `the XLSX file unzips to more than ${limit} MB; the limit for an import is ${limit} MB uncompressed`,
      summary: { totalRows: 0 },
    });
    const staged = await h.dataSource.query(
      'SELECT count(*)::int AS n FROM customer_import_rows WHERE import_id = $1',
      [res.body.id],
    );
    expect(staged[0].n).toBe(0);
    expect(importFiles()).toEqual(before); // the spooled upload is gone
  });

  it('refuses an entry that unzips to more than its header declares (a lying bomb), counting while it inflates', async () => {
    const entry = await spaces('xl/worksheets/sheet1.xml', 8);
    const res = await upload(zipOf([CONTENT_TYPES, { ...entry, declaredSize: 1_000 }]));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(
      'the XLSX file is damaged: xl/worksheets/sheet1.xml unzips to more than the 1000 bytes it declares',
    );
  });

  it('caps rows and columns, saying what the limit is, and still reads a real workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '电话']);
    for (let i = 0; i < 3; i++) sheet.addRow([unique('客户')]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload(file)).body).toMatchObject({
      status: 'VALIDATED',
      summary: { totalRows: 3 },
    });

    const rules = pipelineRules();
    usePipelineRules({ IMPORT_MAX_ROWS: 2 });
    const before = importFiles();
    try {
      const rows = await upload(file);
      expect(importFiles()).toEqual(before); // the temporary copy is gone after a failure too
      expect(rows.status).toBe(413);
      expect(rows.body.error).toBe(
        'the file has more than 2 data rows; the limit is 2 rows per import',
      );
    } finally {
      usePipelineRules({ IMPORT_MAX_ROWS: rules.IMPORT_MAX_ROWS });
    }

    const wide = `name${',x'.repeat(250)}\r\n${unique('客户')}\r\n`;
    const columns = await upload(Buffer.from(wide), 'wide.csv');
    expect(columns.status).toBe(413);
    expect(columns.body.error).toBe('line 1 has 251 columns; the limit is 200 columns');
  });
});
