import { existsSync } from 'node:fs';
import path from 'node:path';
import { seedDemoLeadRules } from '@crm/infra';
import { eventually, unique, uniqueMobile } from '@crm/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSession, record, signIn, type Session } from './browser';
import { asGateway, login } from './clients';
import { aCampaign, aManager, assignmentNamed, postForm } from './lead-handoff';
import { gatewayUrl, processes, restart } from './system';

// The web console in a real browser (Debian's chromium) against the whole system as `npm start`
// runs it: the gateway serves console/dist at / beside /graphql.
const businessDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
/** 240000.5 -> "240,000.50", as both languages of the console group digits. */
const grouped = (amount: string) =>
  Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A rep's weighted pipeline in CNY for one month, as the server computes it. */
async function weightedForecast(token: string, repId: string, month: string): Promise<number> {
  const { salesForecast } = await asGateway<{
    salesForecast: {
      owner: { id: string } | null;
      currency: string;
      weightedAmount: { amount: string };
    }[];
  }>(
    `query($m: String!) { salesForecast(fromMonth: $m, toMonth: $m, groupBy: REP) { owner { id } currency weightedAmount { amount } } }`,
    token,
    { m: month },
  );
  const row = salesForecast.find((r) => r.owner?.id === repId && r.currency === 'CNY');
  return Number(row?.weightedAmount.amount ?? 0);
}

const dealCard = (page: Page, name: string) => page.locator('article.deal', { hasText: name });
/** A kanban column by its heading (cards' move controls list every stage's name too). */
const column = (page: Page, stage: string) =>
  page.locator('section.column').filter({ has: page.getByRole('heading', { name: stage }) });

describe('the web console', () => {
  let browser: Browser;
  const sessions: Session[] = [];
  const shared = {
    customerName: unique('Console 客户'),
    phone: uniqueMobile(),
    customerId: '',
    dealName: unique('Console deal'),
  };

  beforeAll(async () => {
    if (!existsSync(path.resolve(__dirname, '..', '..', 'console', 'dist', 'index.html')))
      throw new Error('console/dist is missing: build it with `pnpm exec turbo run build`');
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function session(): Promise<Session> {
    const s = await openSession(browser);
    sessions.push(s);
    return s;
  }

  afterEach(async () => {
    const errors = sessions.flatMap((s) => s.errors.splice(0));
    await Promise.all(sessions.splice(0).map((s) => s.context.close()));
    expect(errors).toEqual([]);
  });

  it('a sales rep signs in, creates a customer (a duplicate is refused at the phone field), logs a follow-up and wins a deal under the stage rules', async () => {
    const { page } = await session();
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await record(page, 'login');

    await signIn(page, 'rep.east1@demo.crm');
    await page.getByRole('heading', { name: '你好，张伟 (Zhang Wei)' }).waitFor();
    // a rep's menu: customers and pipeline, no ticket desk
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '销售管道' }).waitFor();
    expect(await nav.getByRole('link', { name: '工单' }).count()).toBe(0);
    await page.getByRole('heading', { name: '待联系线索' }).waitFor();
    await record(page, 'home-rep');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Hello, 张伟 (Zhang Wei)' }).waitFor();

    await nav.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByText(/\d+ customers/).waitFor();
    await record(page, 'customers');

    await page.getByRole('link', { name: 'New customer' }).click();
    await page.locator('#customer-name').fill(shared.customerName);
    await page.locator('#customer-phone').fill(shared.phone);
    await page.locator('#customer-tier').selectOption('A');
    await record(page, 'customer-new');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    shared.customerId = page.url().split('/').at(-1)!;
    await page.getByRole('heading', { name: shared.customerName, level: 1 }).waitFor();

    // the same phone again: the server's DUPLICATE error appears at the phone field
    await page.goto('/customers/new');
    await page.locator('#customer-name').fill(unique('Console 客户'));
    await page.locator('#customer-phone').fill(shared.phone);
    await page.getByRole('button', { name: 'Create customer' }).click();
    const phoneError = page.locator('#customer-phone-error');
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toContain(shared.customerName);
    expect(await page.locator('#customer-phone').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/customers\/new$/);
    await record(page, 'customer-new-duplicate');

    // the customer found by search, opened, and a follow-up logged on its 360 page
    await page.goto('/customers');
    await page.locator('#customer-search').fill(shared.customerName);
    await page.getByRole('button', { name: 'Search by name' }).click();
    await page.getByRole('link', { name: shared.customerName }).click();
    await page.getByRole('heading', { name: 'Activity timeline' }).waitFor();
    await page.locator('#followup-kind').selectOption('VISIT');
    await page.locator('#followup-subject').fill('Site visit: needs for 2027');
    await page.locator('#followup-outcome').fill('Wants a proposal');
    await page.locator('#followup-next').fill(`${businessDay(2)}T10:00`);
    await page.getByRole('button', { name: 'Log follow-up' }).click();
    await page.getByText('Follow-up logged.').waitFor();
    await page.locator('ol.timeline', { hasText: 'Site visit: needs for 2027' }).waitFor();
    // the planned follow-up shows at the wall time typed, in the business time zone (the
    // browser runs in UTC here: a time-zone slip would show 02:00)
    await page.locator('dt:has-text("Next follow-up") + dd').filter({ hasText: '10:00' }).waitFor();

    await page.locator('#opp-name').fill(shared.dealName);
    await page.locator('#opp-amount').fill('120000.50');
    await page.locator('#opp-close').fill(businessDay());
    await page.getByRole('button', { name: 'Create opportunity' }).click();
    await page.getByText('Opportunity created.').waitFor();
    await page.locator('section', { hasText: shared.dealName }).first().waitFor();
    await record(page, 'customer-360');

    // the pipeline: won straight from the first stage is refused by the server, beside the card
    await nav.getByRole('link', { name: 'Pipeline' }).click();
    const card = dealCard(page, shared.dealName);
    await card.waitFor();
    await card.locator('select').selectOption({ label: '赢单 Won' });
    await card.getByRole('button', { name: 'Move' }).click();
    await card.getByRole('alert').filter({ hasText: 'cannot be won straight' }).waitFor();
    await record(page, 'pipeline-refused');
    // the forecast under the board shows the rep's weighted pipeline of this month
    const rep = await login('rep.east1@demo.crm');
    const month = businessDay().slice(0, 7);
    const weightedCell = (amount: number) =>
      page
        .locator('#forecast-title ~ div table tr', { hasText: month })
        .locator('td:nth-child(4)', { hasText: grouped(String(amount)) });
    const weightedBefore = await weightedForecast(rep.token, rep.id, month);
    await weightedCell(weightedBefore).waitFor();
    // dragged to Proposal (skipping one stage is within the rule)
    await card.locator('h3').dragTo(column(page, '方案报价 Proposal'));
    await column(page, '方案报价 Proposal')
      .locator('article.deal', { hasText: shared.dealName })
      .waitFor();
    // the deal now counts at the proposal stage's probability, and the forecast shows it
    const weightedAfter = await weightedForecast(rep.token, rep.id, month);
    expect(weightedAfter).toBeGreaterThan(weightedBefore);
    await weightedCell(weightedAfter).waitFor();
    await dealCard(page, shared.dealName).locator('select').selectOption({ label: '赢单 Won' });
    await dealCard(page, shared.dealName).getByRole('button', { name: 'Move' }).click();
    const won = column(page, '赢单 Won').locator('article.deal', { hasText: shared.dealName });
    await won.waitFor();
    expect(await won.locator('select').count()).toBe(0);
    await page.locator('#forecast-title').waitFor();
    await record(page, 'pipeline');
  });

  it("the rep's manager sees the won deal in the team forecast and on the team's pipeline", async () => {
    const manager = await login('manager.east@demo.crm');
    const rep = await login('rep.east1@demo.crm');
    const month = businessDay().slice(0, 7);
    const { salesForecast } = await asGateway<{
      salesForecast: {
        owner: { id: string } | null;
        currency: string;
        wonAmount: { amount: string };
      }[];
    }>(
      `query($m: String!) { salesForecast(fromMonth: $m, toMonth: $m, groupBy: REP) { owner { id } currency wonAmount { amount } } }`,
      manager.token,
      { m: month },
    );
    const repRow = salesForecast.find((r) => r.owner?.id === rep.id && r.currency === 'CNY');
    expect(Number(repRow?.wonAmount.amount)).toBeGreaterThanOrEqual(120000.5);

    const { page } = await session();
    await signIn(page, 'manager.east@demo.crm');
    const row = page
      .locator('#forecast-title ~ div table tr', { hasText: '张伟 (Zhang Wei)' })
      .filter({ hasText: month });
    await row.filter({ hasText: grouped(repRow!.wonAmount.amount) }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
    await record(page, 'home-manager');

    await page.getByRole('navigation').getByRole('link', { name: '销售管道' }).click();
    await column(page, '赢单 Won').locator('article.deal', { hasText: shared.dealName }).waitFor();
    await record(page, 'pipeline-manager');
  });

  it('a service agent takes a ticket from the desk, replies, adds an internal note and resolves it', async () => {
    const agent = await login('agent@demo.crm');
    const subject = unique('Console ticket');
    await asGateway(
      `mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } userErrors { message } } }`,
      agent.token,
      {
        input: {
          customerId: shared.customerId,
          subject,
          description: 'The invoice shows the wrong tax number',
          priority: 'HIGH',
          channel: 'PHONE',
        },
      },
    );

    const { page } = await session();
    await signIn(page, 'agent@demo.crm');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '工单' }).waitFor();
    expect(await nav.getByRole('link', { name: '销售管道' }).count()).toBe(0);
    await record(page, 'home-agent');

    await nav.getByRole('link', { name: '工单' }).click();
    await page.getByRole('link', { name: subject }).first().click();
    await page.getByRole('heading', { name: subject, level: 1 }).waitFor();
    const take = page.getByRole('button', { name: '分配给我' });
    if (await take.count()) {
      await take.click();
      await page.locator('dd', { hasText: '郑洁 (Zheng Jie)' }).waitFor();
    }
    await page.locator('#message-kind').selectOption('REPLY');
    await page.locator('#message-body').fill('We are correcting the invoice today.');
    await page.getByRole('button', { name: '添加到对话' }).click();
    await page
      .locator('ol.timeline li', { hasText: 'We are correcting the invoice today.' })
      .waitFor();
    await page.locator('#message-kind').selectOption('NOTE');
    await page.locator('#message-body').fill('Finance confirmed the tax number.');
    await page.getByRole('button', { name: '添加到对话' }).click();
    await page.locator('ol.timeline li.note', { hasText: 'Finance confirmed' }).waitFor();
    await page.locator('#ticket-status').selectOption('RESOLVED');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('dd', { hasText: '已解决' }).waitFor();
    await record(page, 'ticket');

    await page.getByRole('link', { name: shared.customerName }).click();
    await page.getByRole('heading', { name: shared.customerName, level: 1 }).waitFor();
    await page.locator('section', { hasText: subject }).first().waitFor();
    await record(page, 'customer-360-agent');
  });

  it('a rep works the lead inbox: a new web-form lead with its first-contact countdown, contacted from there', async () => {
    await seedDemoLeadRules(gatewayUrl, () => undefined);
    const campaign = await aCampaign();
    const east = await aManager('manager.east@demo.crm');
    const name = unique('钱女士');
    const posted = await postForm(campaign.formKey, {
      name,
      company: '控制台科技有限公司',
      title: `采购总监${campaign.marker}`,
      region: 'Shanghai',
    });
    expect(posted.status === 201 ? 201 : posted).toBe(201);
    // the demo's rules give it to one of the East China reps, with a first-contact deadline
    const assigned = await eventually(
      async () => {
        const found = await assignmentNamed(east.token, east.teamId, name);
        expect(found?.status).toBe('ASSIGNED');
        return found!;
      },
      { timeoutMs: 30_000 },
    );

    const { page } = await session();
    await signIn(page, assigned.assignee!.email);
    await page.getByRole('navigation').getByRole('link', { name: '线索' }).click();
    await page.getByRole('heading', { name: '线索收件箱', level: 1 }).waitFor();
    const row = page.locator('tbody tr', { hasText: name });
    await row.getByText(/^剩余 (\d+ h )?\d+ min$/).waitFor();
    await record(page, 'leads');
    await row.getByRole('button', { name: '记录首次联系' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已记录与 ${name} 的首次联系。` })
      .waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await assignmentNamed(east.token, east.teamId, name))?.status).toBe('CONTACTED');
  });

  it('a refused token ends the session: the console returns to the login and says why', async () => {
    const { page, errors } = await session();
    await page.goto('/login');
    await page.evaluate(() =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem(
        'crm.session',
        JSON.stringify({ token: 'not-a-valid-token', expiresAt: null }),
      ),
    );
    await page.goto('/customers');
    await page.waitForURL('**/login?expired=1');
    await page.getByText('登录已失效，请重新登录。').waitFor();
    await record(page, 'login-expired');
    // the browser reports the gateway's 401 itself; nothing else may fail
    const unexpected = errors.splice(0).filter((e) => !e.includes('401'));
    expect(unexpected).toEqual([]);
  });

  it('with a department down the 360 page still shows the rest and says what is missing', async () => {
    await processes().stop('product-feedback');
    try {
      const { page } = await session();
      await signIn(page, 'rep.east1@demo.crm');
      await page.goto(`/customers/${shared.customerId}`);
      await page.getByRole('heading', { name: shared.customerName, level: 1 }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'product-feedback' }).waitFor();
      await page
        .locator('section', { has: page.getByRole('heading', { name: '反馈' }) })
        .getByText('暂时无法加载')
        .first()
        .waitFor();
      await page.getByRole('heading', { name: '跟进记录' }).waitFor();
      await record(page, 'customer-360-partial');
    } finally {
      await restart('product-feedback');
    }
  });
});
