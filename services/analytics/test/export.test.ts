import { Readable } from 'node:stream';
import { newId } from '@crm/database';
import { opportunityCreated } from '@crm/events';
import { aViewer, produceEvent } from '@crm/testing';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { csvField, neutralised } from '../src/export/cells';
import { anOpportunity, handledBy, startAnalytics, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startAnalytics();
});
afterAll(async () => {
  await h.stop();
});

const team = newId();
// a stage key that a spreadsheet would run as a formula
const risky = anOpportunity(newId(), {
  teamId: team,
  stage: '=1+2',
  probability: 20,
  amount: { amount: '1234.50', currency: 'CNY' },
  createdAt: '2026-05-10T02:00:00.000Z',
});

beforeAll(async () => {
  await handledBy(h.dataSource, h.groupId, [produceEvent(opportunityCreated, risky)]);
});

const executive = aViewer({ roles: ['EXECUTIVE'] });
const url = `/reports/sales.csv?from=2026-05-01&to=2026-05-31&teamIds=${team}`;

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('report export', () => {
  it('neutralises text a spreadsheet would run as a formula, and quotes CSV fields', () => {
    expect(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'ok', -1, null].map(neutralised)).toEqual(
      ["'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", 'ok', -1, null],
    );
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('streams the sales report as CSV for the caller’s token', async () => {
    const res = await request(h.app)
      .get(url)
      .set('authorization', `Bearer ${await h.tokenFor(executive)}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="sales-report-2026-05-01-2026-05-31.csv"',
    );
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      'Summary',
      'period,from,to,created,won,lost,win rate,average sales cycle (days),won amount (CNY),forecast amount (CNY),forecast achievement',
      'current,2026-05-01,2026-05-31,1,0,0,,,0,0,',
      'previous,2026-03-31,2026-04-30,0,0,0,,,0,0,',
    ]);
    expect(lines).toContain("'=1+2,20,1,1234.5,0,1");
  });

  it('streams it as XLSX, one sheet per table, numbers as numbers and formulas neutralised', async () => {
    const res = await request(h.app)
      .get(url.replace('.csv', '.xlsx'))
      .set('authorization', `Bearer ${await h.tokenFor(executive)}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([res.body as Buffer]));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Funnel', 'Series']);
    const funnel = workbook.getWorksheet('Funnel')!;
    const risky = funnel.getSheetValues().find((row) => Array.isArray(row) && row[1] === "'=1+2");
    expect((risky as unknown[]).slice(1)).toEqual(["'=1+2", 20, 1, 1234.5, 0, 1]);
    expect(workbook.getWorksheet('Summary')!.getRow(2).getCell(4).value).toBe(1);
  });

  it('answers 401 without a token, 403 without analytics, 400 naming a bad parameter, 404 for another file', async () => {
    expect((await request(h.app).get(url)).status).toBe(401);
    const as = async (roles: Parameters<typeof aViewer>[0], path: string) =>
      request(h.app)
        .get(path)
        .set('authorization', `Bearer ${await h.tokenFor(aViewer(roles))}`);
    expect((await as({ roles: ['SERVICE_AGENT'] }, url)).status).toBe(403);
    const bad = await as({ roles: ['EXECUTIVE'] }, '/reports/service.xlsx?from=2026-05-01&to=May');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({
      message: 'to: "May" is not a date (YYYY-MM-DD)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(
      (await as({ roles: ['EXECUTIVE'] }, '/reports/sales.pdf?from=2026-05-01&to=2026-05-31'))
        .status,
    ).toBe(404);
  });

  it('exports the service report with its breaches', async () => {
    const res = await request(h.app)
      .get('/reports/service.csv?from=2026-05-01&to=2026-05-31&bucket=week')
      .set('authorization', `Bearer ${await h.tokenFor(executive)}`);
    expect(res.status).toBe(200);
    const titles = res.text
      .split('\r\n\r\n')
      .map((section) => section.replace(/^\uFEFF/, '').split('\r\n')[0]);
    expect(titles).toEqual(['Summary', 'By agent', 'By team', 'SLA breaches', 'Series', '']);
    expect(res.text).toContain(
      'week from,opened,resolved,CSAT answers,CSAT average\r\n2026-04-27,',
    );
  });
});
