import type { Viewer } from '@crm/auth';
import { aViewer, graphql, graphqlOk } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, aSalesTeam, type SalesTeam } from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
let other: SalesTeam;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
  other = await aSalesTeam(h, 1);
});
afterAll(() => h.stop());

const FIELDS = `id status requiresApproval discountPercent effectiveDiscountPercent decisionComment
  listTotal { amount currency } subtotal { amount } total { amount currency }
  lines { position productName quantity unitPrice { amount } discountPercent lineTotal { amount } }
  decidedBy { id }`;

interface QuoteView {
  id: string;
  status: string;
  requiresApproval: boolean;
  effectiveDiscountPercent: string;
  total: { amount: string };
}
type Payload = {
  quote: QuoteView | null;
  userErrors: { field: string[] | null; code: string; message: string }[];
};

const TYPES: Record<string, string> = {
  createQuote: 'CreateQuoteInput',
  updateQuote: 'UpdateQuoteInput',
  submitQuote: 'QuoteIdInput',
  approveQuote: 'DecideQuoteInput',
  rejectQuote: 'DecideQuoteInput',
};

async function quote(name: string, input: Record<string, unknown>, viewer: Viewer = team.reps[0]) {
  const data = await graphqlOk<Record<string, Payload>>(h.app, {
    query: `mutation($input: ${TYPES[name]}!) { ${name}(input: $input) { quote { ${FIELDS} } userErrors { field code message } } }`,
    variables: { input },
    token: await h.tokenFor(viewer),
  });
  return data[name];
}

const typesOf = async (id: string) =>
  (await h.dataSource.query('SELECT type FROM outbox WHERE subject = $1 ORDER BY id', [id])).map(
    (e: { type: string }) => e.type,
  );

describe('quotes', () => {
  it('computes line, list and discounted totals exactly and approves a quote within the thresholds at once', async () => {
    const created = await quote('createQuote', {
      customerId: await aCustomer(h, team.reps[0]),
      title: '办公设备报价',
      discountPercent: '5',
      lines: [
        { productName: '无线鼠标', quantity: '3', unitPrice: '19.99', discountPercent: '10' },
        { productName: '实施服务（人天）', quantity: '2.5', unitPrice: '1000' },
      ],
    });
    expect(created.userErrors).toEqual([]);
    expect(created.quote).toMatchObject({
      status: 'DRAFT',
      requiresApproval: false,
      listTotal: { amount: '2559.97', currency: 'CNY' },
      subtotal: { amount: '2553.97' },
      total: { amount: '2426.27', currency: 'CNY' },
      effectiveDiscountPercent: '5.22',
      lines: [
        {
          position: 1,
          productName: '无线鼠标',
          quantity: '3.0000',
          unitPrice: { amount: '19.99' },
          discountPercent: '10.00',
          lineTotal: { amount: '53.97' },
        },
        {
          position: 2,
          productName: '实施服务（人天）',
          quantity: '2.5000',
          unitPrice: { amount: '1000.00' },
          discountPercent: '0.00',
          lineTotal: { amount: '2500.00' },
        },
      ],
    });
    const id = created.quote!.id;
    const submitted = await quote('submitQuote', { id });
    expect(submitted.quote).toMatchObject({ status: 'APPROVED', decidedBy: null });
    expect(await typesOf(id)).toEqual(['crm.sales.quote.approved.v1']);
    const [event] = await h.dataSource.query('SELECT payload FROM outbox WHERE subject = $1', [id]);
    expect(event.payload).toMatchObject({
      automatic: true,
      approvedBy: null,
      total: { amount: '2426.27', currency: 'CNY' },
    });
    const edit = await quote('updateQuote', { id, discountPercent: '0' });
    expect(edit.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'INVALID_TRANSITION' }),
    ]);
    expect(edit.userErrors[0].message).toMatch(/approved and can no longer change/);
  });

  it('sends a quote above the discount threshold to the team manager, who rejects with a comment and then approves the revision', async () => {
    const rep = team.reps[0];
    const created = await quote('createQuote', {
      customerId: await aCustomer(h, rep),
      title: '年度框架采购',
      lines: [{ productName: '服务器', quantity: '10', unitPrice: '10000', discountPercent: '20' }],
    });
    const id = created.quote!.id;
    expect(created.quote).toMatchObject({
      requiresApproval: true,
      effectiveDiscountPercent: '20.00',
      total: { amount: '80000.00' },
    });
    expect((await quote('submitQuote', { id })).quote?.status).toBe('PENDING_APPROVAL');
    expect((await quote('updateQuote', { id, title: 'x' })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
    });

    const byRep = await graphql(h.app, {
      query: `mutation($input: DecideQuoteInput!) { approveQuote(input: $input) { quote { id } } }`,
      variables: { input: { id } },
      token: await h.tokenFor(rep),
    });
    expect(byRep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another team's manager does not even see the quote.
    expect((await quote('approveQuote', { id }, other.manager)).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await quote('rejectQuote', { id }, team.manager)).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'comment'], code: 'REQUIRED' }),
    ]);
    const rejected = await quote(
      'rejectQuote',
      { id, comment: '折扣过高，请控制在18%以内' },
      team.manager,
    );
    expect(rejected.quote).toMatchObject({
      status: 'REJECTED',
      decisionComment: '折扣过高，请控制在18%以内',
    });

    const revised = await quote('updateQuote', {
      id,
      lines: [{ productName: '服务器', quantity: '10', unitPrice: '10000', discountPercent: '18' }],
    });
    expect(revised.quote).toMatchObject({
      status: 'DRAFT',
      requiresApproval: true,
      total: { amount: '82000.00' },
    });
    await quote('submitQuote', { id });
    const approved = await quote('approveQuote', { id, comment: '同意' }, team.manager);
    expect(approved.quote).toMatchObject({
      status: 'APPROVED',
      decidedBy: { id: team.manager.id },
    });
    expect(await typesOf(id)).toEqual([
      'crm.sales.quote.submitted.v1',
      'crm.sales.quote.rejected.v1',
      'crm.sales.quote.submitted.v1',
      'crm.sales.quote.approved.v1',
    ]);
    expect(
      (await quote('rejectQuote', { id, comment: 'x' }, team.manager)).userErrors[0],
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('does not let a manager approve a quote they submitted themselves; another approver may', async () => {
    const created = await quote('createQuote', {
      customerId: await aCustomer(h, team.reps[0]),
      title: '经理代交',
      lines: [{ productName: '服务器', quantity: '10', unitPrice: '10000', discountPercent: '20' }],
    });
    const id = created.quote!.id;
    expect((await quote('submitQuote', { id }, team.manager)).quote?.status).toBe(
      'PENDING_APPROVAL',
    );
    expect((await quote('approveQuote', { id }, team.manager)).userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'FORBIDDEN',
        message: expect.stringMatching(/not on a quote they own or submitted/),
      },
    ]);
    expect(await typesOf(id)).not.toContain('crm.sales.quote.approved.v1');
    const approved = await quote('approveQuote', { id }, aViewer({ roles: ['EXECUTIVE'] }));
    expect(approved.quote?.status).toBe('APPROVED');
  });

  it('needs approval above the amount threshold even without a discount; an executive may approve', async () => {
    const created = await quote(
      'createQuote',
      {
        customerId: await aCustomer(h, team.reps[1]),
        title: '整体解决方案',
        lines: [{ productName: '平台授权', quantity: '1', unitPrice: '600000' }],
      },
      team.reps[1],
    );
    expect(created.quote).toMatchObject({
      requiresApproval: true,
      effectiveDiscountPercent: '0.00',
    });
    const id = created.quote!.id;
    await quote('submitQuote', { id }, team.reps[1]);
    const approved = await quote('approveQuote', { id }, aViewer({ roles: ['EXECUTIVE'] }));
    expect(approved.quote?.status).toBe('APPROVED');
  });

  it('reports bad lines by their path and creates nothing', async () => {
    const customerId = await aCustomer(h, team.reps[0]);
    const bad = await quote('createQuote', {
      customerId,
      title: 'x',
      lines: [{ productName: '', quantity: '-1', unitPrice: '1.999', discountPercent: '120' }],
    });
    expect(bad.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.lines.0.productName', 'REQUIRED'],
      ['input.lines.0.quantity', 'INVALID'],
      ['input.lines.0.unitPrice', 'INVALID'],
      ['input.lines.0.discountPercent', 'INVALID'],
    ]);
    expect(
      await h.dataSource.query('SELECT 1 FROM quotes WHERE customer_id = $1', [customerId]),
    ).toEqual([]);
  });
});
