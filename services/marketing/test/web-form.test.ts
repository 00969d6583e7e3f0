import { graphqlOk, unique, uniqueMobile } from '@crm/testing';
import request from 'supertest';
import { activeCampaign, marketer, postForm, marketingUnderTest } from './harness';

const h = marketingUnderTest();

const leadsWithPhone = (phoneKey: string) =>
  h.dataSource.query(
    `SELECT l.id, l.name, l.phone, l.email, l.source, l.status, l.consent, l.campaign_id,
       (SELECT count(*)::int FROM lead_touches t WHERE t.lead_id = l.id) AS touches
     FROM leads l WHERE l.phone_key = $1`,
    [phoneKey],
  );

describe('the public web form', () => {
  it('accepts a JSON submission with 201 and records the lead, its consent and a lead.captured event', async () => {
    const campaign = await activeCampaign(h);
    const mobile = uniqueMobile();
    const res = await postForm(
      h.app,
      campaign.formKey,
      {
        name: '王小明',
        phone: mobile,
        email: ' Wang.XM@Example.com ',
        company: unique('远景科技'),
        title: '采购经理',
        consent: true,
        utm_source: 'baidu',
      },
      { ip: '203.0.113.7' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ accepted: true, submissionId: expect.any(String) });
    const [lead] = await leadsWithPhone(`+86${mobile}`);
    expect(lead).toMatchObject({
      name: '王小明',
      email: 'wang.xm@example.com',
      source: 'WEB_FORM',
      status: 'NEW',
      campaign_id: campaign.id,
      touches: 1,
    });
    expect(lead.consent).toMatchObject({
      text: '我同意贵公司就产品信息与我联系',
      version: 'v1',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (test website)',
    });
    const [touch] = await h.dataSource.query(
      'SELECT id, kind, source_ip, payload FROM lead_touches WHERE lead_id = $1',
      [lead.id],
    );
    expect(touch).toMatchObject({
      id: res.body.submissionId,
      kind: 'FORM_SUBMITTED',
      source_ip: '203.0.113.7',
    });
    expect(touch.payload.utm_source).toBe('baidu');
    const events = await h.dataSource.query('SELECT type, payload FROM outbox WHERE subject = $1', [
      lead.id,
    ]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['crm.marketing.lead.captured.v1']);
    expect(events[0].payload).toMatchObject({
      leadId: lead.id,
      campaignId: campaign.id,
      source: 'WEB_FORM',
    });
  });

  it('reads a phone number sent as a JSON number', async () => {
    const campaign = await activeCampaign(h);
    const mobile = uniqueMobile();
    const res = await postForm(h.app, campaign.formKey, {
      name: 'Number Phone',
      phone: Number(mobile),
      consent: true,
    });
    expect(res.status).toBe(201);
    expect(await leadsWithPhone(`+86${mobile}`)).toHaveLength(1);
  });

  it('accepts application/x-www-form-urlencoded from a plain HTML form', async () => {
    const campaign = await activeCampaign(h);
    const mobile = uniqueMobile();
    const res = await postForm(
      h.app,
      campaign.formKey,
      { name: 'Li Lei', phone: mobile, consent: 'on', consentText: 'I agree to be contacted' },
      { form: true },
    );
    expect(res.status).toBe(201);
    const [lead] = await leadsWithPhone(`+86${mobile}`);
    expect(lead.consent.text).toBe('I agree to be contacted');
    expect(lead.consent.version).toBeNull();
  });

  it('answers bad input with 422 and an error per field, and stores nothing', async () => {
    const campaign = await activeCampaign(h);
    const before = await h.dataSource.query('SELECT count(*)::int AS n FROM leads');
    const res = await postForm(h.app, campaign.formKey, {
      name: '  ',
      phone: '12345',
      email: 'nobody@',
      consent: 'no',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['name', 'REQUIRED'],
      ['phone', 'INVALID'],
      ['email', 'INVALID'],
      ['consent', 'INVALID'],
    ]);
    expect(res.body.errors[1].message).toMatch(/"12345" is not a valid phone number/);
    expect(res.body.errors[3].message).toMatch(/must agree to be contacted/);
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM leads')).toEqual(before);
  });

  it('needs a phone or an email and the consent', async () => {
    const campaign = await activeCampaign(h);
    const res = await postForm(h.app, campaign.formKey, { name: 'Nobody Reachable' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'consent', code: 'REQUIRED', message: 'consent: is required' },
      {
        field: 'phone',
        code: 'REQUIRED',
        message: 'phone: a phone number or an email is required to follow the lead up',
      },
    ]);
  });

  it('refuses a submission over the rate limit with 429, a clear message and Retry-After, shared by replicas', async () => {
    const campaign = await activeCampaign(h);
    // two replicas of the service on the same database share the count
    const replicas = [
      await h.appWith({ rateLimit: 3, rateWindowSeconds: 60 }),
      await h.appWith({ rateLimit: 3, rateWindowSeconds: 60 }),
    ];
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postForm(
        replicas[i % 2],
        campaign.formKey,
        { name: `Visitor ${i}`, phone: uniqueMobile(), consent: true },
        { ip },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201]);
    const refused = await postForm(
      replicas[1],
      campaign.formKey,
      { name: 'One Too Many', phone: uniqueMobile(), consent: true },
      { ip },
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body.errors[0]).toMatchObject({ field: null, code: 'RATE_LIMITED' });
    expect(refused.body.errors[0].message).toMatch(
      /too many submissions from your address to this form: at most 3 every 60 seconds; try again in \d+ seconds/,
    );
    // another visitor of the same form is not affected
    const other = await postForm(
      replicas[0],
      campaign.formKey,
      { name: 'Someone Else', phone: uniqueMobile(), consent: true },
      { ip: '192.0.2.44' },
    );
    expect(other.status).toBe(201);
  });

  it('counts a burst from its first submission on, also when the burst spans a multiple of the window length', async () => {
    const campaign = await activeCampaign(h);
    const app = await h.appWith({ rateLimit: 2, rateWindowSeconds: 6 });
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const post = (i: number) =>
      postForm(
        app,
        campaign.formKey,
        { name: `Burst ${i}`, phone: uniqueMobile(), consent: true },
        { ip },
      );
    const dbNowMs = async () => {
      const [{ ms }] = await h.dataSource.query(
        'SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms',
      );
      return Number(ms);
    };
    const pause = () => new Promise((r) => setTimeout(r, 100));
    // Start 1 to 2.5 s before the database clock reaches a multiple of 6 s, where a window
    // aligned to the clock would end (polling the clock, no fixed sleep)...
    let boundary: number;
    for (;;) {
      const now = await dbNowMs();
      boundary = Math.ceil(now / 6000) * 6000;
      if (boundary - now >= 1000 && boundary - now <= 2500) break;
      await pause();
    }
    expect((await post(1)).status).toBe(201);
    // ...and post again once the clock has passed it, well within 6 s of the first post.
    while ((await dbNowMs()) <= boundary) await pause();
    expect((await post(2)).status).toBe(201);
    const refused = await post(3);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(6);
  });

  it('answers 404 for an unknown key, 409 for a campaign that is not running, and stops the old key after rotation', async () => {
    const body = { name: 'Form Tester', phone: uniqueMobile(), consent: true };
    expect((await postForm(h.app, 'no-such-form-key-0000', body)).status).toBe(404);
    const campaign = await activeCampaign(h);
    const token = await h.tokenFor(marketer());
    await graphqlOk(h.app, {
      query:
        'mutation($input: SetCampaignStatusInput!) { setCampaignStatus(input: $input) { userErrors { message } } }',
      variables: { input: { id: campaign.id, status: 'COMPLETED' } },
      token,
    });
    const closed = await postForm(h.app, campaign.formKey, body);
    expect(closed.status).toBe(409);
    expect(closed.body.errors[0].message).toBe(
      'this form does not accept submissions: its campaign is completed',
    );

    const running = await activeCampaign(h);
    const rotated = await graphqlOk<{ rotateCampaignFormKey: { campaign: { formKey: string } } }>(
      h.app,
      {
        query:
          'mutation($input: CampaignIdInput!) { rotateCampaignFormKey(input: $input) { campaign { formKey } } }',
        variables: { input: { id: running.id } },
        token,
      },
    );
    const newKey = rotated.rotateCampaignFormKey.campaign.formKey;
    expect(newKey).not.toBe(running.formKey);
    expect((await postForm(h.app, running.formKey, body)).status).toBe(404);
    expect((await postForm(h.app, newKey, body)).status).toBe(201);
  });

  it('lets websites on other origins post (CORS preflight) and refuses other content types with 415', async () => {
    const campaign = await activeCampaign(h);
    const preflight = await request(h.app)
      .options(`/forms/${campaign.formKey}`)
      .set('origin', 'https://www.example.com')
      .set('access-control-request-method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    const res = await request(h.app)
      .post(`/forms/${campaign.formKey}`)
      .set('content-type', 'text/plain')
      .send('name=x');
    expect(res.status).toBe(415);
  });
});
