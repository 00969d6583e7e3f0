import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import request from 'supertest';
import { aViewer, eventually, unique, uniqueMobile } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, query, seedPeople } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

type Viewer = ReturnType<typeof aViewer>;

interface Report {
  id: string;
  status: string;
  format: string;
  encoding: string | null;
  progress: { phase: string; processedRows: number; totalRows: number };
  summary: {
    totalRows: number;
    validRows: number;
    invalidRows: number;
    duplicateRows: number;
    importedRows: number;
    failedRows: number;
  };
  problems: {
    line: number;
    status: string;
    duplicateOfLine: number | null;
    problems: { column: string | null; code: string; message: string }[];
  }[];
}

async function upload(viewer: Viewer, file: Buffer, name = 'customers.csv') {
  return request(h.app)
    .post('/imports/customers')
    .set('authorization', `Bearer ${await h.tokenFor(viewer)}`)
    .attach('file', file, name);
}

async function commitAndWait(viewer: Viewer, id: string): Promise<Report> {
  const token = await h.tokenFor(viewer);
  const started = await request(h.app)
    .post(`/imports/${id}/commit`)
    .set('authorization', `Bearer ${token}`);
  expect(started.status).toBe(202);
  return eventually(async () => {
    const res = await request(h.app).get(`/imports/${id}`).set('authorization', `Bearer ${token}`);
    expect(res.body.status).toBe('COMMITTED');
    return res.body as Report;
  });
}

const csv = (lines: string[]) => lines.join('\r\n') + '\r\n';

describe('importing customers from a file', () => {
  it('reads a GBK CSV, reports bad and duplicate rows by line, and imports the rest with their contacts', async () => {
    const rep = aViewer();
    await seedPeople(h, rep);
    const [m1, m3, m4, m6, m7, m9, taken] = Array.from({ length: 7 }, () => uniqueMobile());
    await aCustomer(h, rep, { phone: taken });
    const n = (s: string) => unique(s).replace(/\s/g, '');
    const first = n('华东精密');
    const names = { first, person: n('张三'), quoted: n('Acme') };
    const file = iconv.encode(
      csv([
        '客户名称,客户类型,电话,邮箱,行业,地区,等级,联系人,职务,标签',
        `${first}有限公司,公司,${m1},sales.${m1}@example.cn,制造,华东,A,王经理,采购经理,重点;华东`,
        `${n('坏电话')},公司,12345,,软件,华北,B,,,`,
        `,公司,${m3},,,,,,,`,
        `${first}（集团）股份有限公司,公司,${m4},,,,,,,`,
        `${n('已存在')},公司,${taken},,,,,,,`,
        `${names.person},个人,${m6},,,,C,,,`,
        `${n('坏等级')},公司,${m7},,,,Z,,,`,
        `${n('同电话')},公司,+86 ${m1.slice(0, 3)} ${m1.slice(3)},,,,,,,`,
        `"${names.quoted}, Ltd",company,${m9},,,,KEY,李总,总经理,`,
      ]),
      'gbk',
    );
    const dry = await upload(rep, file);
    expect(dry.status).toBe(200);
    const report = dry.body as Report;
    expect(report).toMatchObject({
      status: 'VALIDATED',
      format: 'CSV',
      encoding: 'GBK',
      summary: { totalRows: 9, validRows: 3, invalidRows: 3, duplicateRows: 3, importedRows: 0 },
    });
    expect(report.problems.map((p) => [p.line, p.status, p.problems.map((x) => x.column)])).toEqual(
      [
        [3, 'INVALID', ['电话']],
        [4, 'INVALID', ['客户名称']],
        [5, 'DUPLICATE', [null]],
        [6, 'DUPLICATE', ['电话']],
        [8, 'INVALID', ['等级']],
        [9, 'DUPLICATE', [null]],
      ],
    );
    expect(report.problems[4].problems[0].message).toBe(
      '等级: got "Z"; accepted: KEY (vip, 重点, 重点客户, 关键, 战略); A (a类, a级); B (b类, b级); C (c类, c级)',
    );
    expect(report.problems[0].problems[0].message).toBe(
      '电话: "12345" is not a valid phone number (mainland numbers like 13812345678 or 021-62345678; others with their country code, e.g. +44 20 7946 0958)',
    );
    expect(report.problems[1].problems[0]).toMatchObject({
      code: 'REQUIRED',
      message: '客户名称: is required',
    });
    expect(report.problems[2]).toMatchObject({
      duplicateOfLine: 2,
      problems: [{ message: 'the same name as line 2 of this file' }],
    });
    expect(report.problems[3].problems[0].message).toMatch(
      /^电话: customer ".*" \(.*\) already has this phone number$/,
    );
    expect(report.problems[5]).toMatchObject({ duplicateOfLine: 2 });
    const [{ n: before }] = await h.dataSource.query(
      'SELECT count(*)::int AS n FROM customers WHERE created_by = $1',
      [rep.id],
    );
    expect(before).toBe(1); // the dry run wrote no customer

    const done = await commitAndWait(rep, report.id);
    expect(done.summary).toMatchObject({ importedRows: 3, failedRows: 0 });
    expect(done.progress).toEqual({ phase: 'COMMIT', processedRows: 3, totalRows: 3 });
    const imported = await h.dataSource.query(
      `SELECT c.name, c.kind, c.tier, c.tags, c.owner_id, c.phone_key, ct.name AS contact, ct.title, ct.phone_key AS contact_phone
       FROM customers c LEFT JOIN contacts ct ON ct.customer_id = c.id WHERE c.created_by = $1 AND c.name <> ALL($2) ORDER BY c.id`,
      [rep.id, []],
    );
    expect(imported.slice(1)).toEqual([
      {
        name: `${first}有限公司`,
        kind: 'COMPANY',
        tier: 'A',
        tags: ['重点', '华东'],
        owner_id: rep.id,
        phone_key: `+86${m1}`,
        contact: '王经理',
        title: '采购经理',
        contact_phone: `+86${m1}`,
      },
      {
        name: names.person,
        kind: 'PERSON',
        tier: 'C',
        tags: [],
        owner_id: rep.id,
        phone_key: `+86${m6}`,
        contact: null,
        title: null,
        contact_phone: null,
      },
      {
        name: `${names.quoted}, Ltd`,
        kind: 'COMPANY',
        tier: 'KEY',
        tags: [],
        owner_id: rep.id,
        phone_key: `+86${m9}`,
        contact: '李总',
        title: '总经理',
        contact_phone: `+86${m9}`,
      },
    ]);
    const events = await h.dataSource.query(
      "SELECT count(*)::int AS n FROM outbox WHERE type = 'crm.sales.customer.created.v1' AND actor_id = $1",
      [rep.id],
    );
    expect(events[0].n).toBe(4);
    const gql = await query<{
      customerImport: {
        status: string;
        importedRows: number;
        problems: {
          totalCount: number;
          nodes: { line: number; existingCustomer: { id: string } | null }[];
        };
      };
    }>(
      h,
      rep,
      'query($id: ID!) { customerImport(id: $id) { status importedRows problems(first: 10) { totalCount nodes { line existingCustomer { id } } } } }',
      { id: report.id },
    );
    expect(gql.customerImport.status).toBe('COMMITTED');
    expect(gql.customerImport.problems.nodes.map((p) => p.line)).toEqual([3, 4, 5, 6, 8, 9]);
    expect(gql.customerImport.problems.totalCount).toBe(6);
    expect(gql.customerImport.problems.nodes[3].existingCustomer).not.toBeNull();
  });

  it('reads UTF-8 with a BOM and English headers', async () => {
    const admin = aViewer({ roles: ['ADMIN'] });
    const name = unique('BOM Corp');
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        csv(['Name,Phone,Email,Industry,Tier', `${name},${uniqueMobile()},,Retail,b`]),
        'utf8',
      ),
    ]);
    const dry = (await upload(admin, file)).body as Report;
    expect(dry).toMatchObject({
      encoding: 'UTF-8 (BOM)',
      summary: { validRows: 1, invalidRows: 0 },
    });
    await commitAndWait(admin, dry.id);
    const [row] = await h.dataSource.query(
      'SELECT tier, industry, owner_id FROM customers WHERE name = $1',
      [name],
    );
    expect(row).toEqual({ tier: 'B', industry: 'Retail', owner_id: null }); // an admin's import goes to the pool
  });

  it('reads the first worksheet of an XLSX file, numbers as phone numbers included', async () => {
    const rep = aViewer();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '手机', '联系人', '联系人邮箱']);
    const name = unique('表格客户');
    const mobile = uniqueMobile();
    sheet.addRow([name, Number(mobile), '周经理', `zhou.${mobile}@example.com`]);
    sheet.addRow([unique('缺联系人邮箱格式'), '', '吴经理', 'not-an-email']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = (await upload(rep, file, 'customers.xlsx')).body as Report;
    expect(dry).toMatchObject({
      format: 'XLSX',
      summary: { totalRows: 2, validRows: 1, invalidRows: 1 },
    });
    expect(dry.problems).toEqual([
      {
        line: 3,
        status: 'INVALID',
        duplicateOfLine: null,
        problems: [
          {
            column: '联系人邮箱',
            code: 'INVALID',
            message: '联系人邮箱: is not a valid email address',
          },
        ],
      },
    ]);
    await commitAndWait(rep, dry.id);
    const [row] = await h.dataSource.query(
      'SELECT c.phone_key, ct.email, ct.phone_key AS contact_phone FROM customers c JOIN contacts ct ON ct.customer_id = c.id WHERE c.name = $1',
      [name],
    );
    expect(row).toEqual({
      phone_key: `+86${mobile}`,
      email: `zhou.${mobile}@example.com`,
      contact_phone: `+86${mobile}`,
    });
  });

  it('never half-imports a row: one whose write fails leaves neither customer nor contact, and the rest import', async () => {
    const rep = aViewer();
    const good = unique('好客户');
    const bad = unique('坏客户');
    const dry = (
      await upload(
        rep,
        Buffer.from(
          csv([
            '客户名称,电话,联系人',
            `${good},${uniqueMobile()},甲`,
            `${bad},${uniqueMobile()},乙`,
          ]),
        ),
      )
    ).body as Report;
    // the database refuses line 3 at commit time (a kind that its CHECK constraint rejects)
    await h.dataSource.query(
      `UPDATE customer_import_rows SET data = jsonb_set(data, '{customer,kind}', '"ALIEN"') WHERE import_id = $1 AND line = 3`,
      [dry.id],
    );
    const done = await commitAndWait(rep, dry.id);
    expect(done.summary).toMatchObject({ importedRows: 1, failedRows: 1 });
    expect(done.problems).toEqual([
      expect.objectContaining({
        line: 3,
        status: 'FAILED',
        problems: [expect.objectContaining({ code: 'FAILED' })],
      }),
    ]);
    const found = await h.dataSource.query(
      'SELECT c.name, (SELECT count(*)::int FROM contacts WHERE customer_id = c.id) AS contacts FROM customers c WHERE c.name = ANY($1)',
      [[good, bad]],
    );
    expect(found).toEqual([{ name: good, contacts: 1 }]);
    const orphans = await h.dataSource.query(
      "SELECT count(*)::int AS n FROM contacts WHERE name = '乙' AND created_by = $1",
      [rep.id],
    );
    expect(orphans[0].n).toBe(0);
  });

  it('needs a token and a role that writes customers, and shows an import only to its uploader', async () => {
    const file = Buffer.from(csv(['name', unique('x')]));
    expect(
      (await request(h.app).post('/imports/customers').attach('file', file, 'a.csv')).status,
    ).toBe(401);
    expect((await upload(aViewer({ roles: ['PRODUCT_MANAGER'] }), file)).status).toBe(403);
    const rep = aViewer();
    const dry = (await upload(rep, file)).body as Report;
    const other = await request(h.app)
      .get(`/imports/${dry.id}`)
      .set('authorization', `Bearer ${await h.tokenFor(aViewer())}`);
    expect(other.status).toBe(404);
    const noName = await upload(rep, Buffer.from(csv(['电话,邮箱', `${uniqueMobile()},`])));
    expect(noName.status).toBe(400);
    expect(noName.body).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/needs a customer name column/),
    });
  });
});
