import {
  aCustomerSnapshot,
  aViewer,
  graphql,
  graphqlOk,
  knownCustomers,
  unique,
} from '@crm/testing';
import {
  merge,
  mutate,
  aFeatureRequest,
  anIdea,
  ideaMutate,
  ideaMutation,
  IDEA_FIELDS,
  link,
  type IdeaOut,
} from './graph';
import { startWithProductManager, type Harness } from './harness';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

const changeStatus = (ideaId: string, status: string, reason?: string) =>
  ideaMutate(h, 'changeIdeaStatus', 'ChangeIdeaStatusInput', pm, { ideaId, status, reason });

const auditOf = (id: string) =>
  h.dataSource.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at, id', [id]);

describe('ideas', () => {
  it('searches titles for the text as typed: % and _ are no wildcards', async () => {
    const mark = unique('Discount').replace(/\W/g, '');
    const exact = await anIdea(h, pm, `${mark} 50% off_now`);
    await anIdea(h, pm, `${mark} 500 offXnow`);
    const found = await graphqlOk<{ ideas: { nodes: { id: string }[] } }>(h.app, {
      query: 'query($s: String) { ideas(first: 10, filter: { search: $s }) { nodes { id } } }',
      variables: { s: `${mark} 50% off_now` },
      token: pm,
    });
    expect(found.ideas.nodes).toEqual([{ id: exact.id }]);
  });

  it('opens a NEW idea, moves it along with a reason for staff and audits every change', async () => {
    const idea = await anIdea(h, pm, 'Export to Excel');
    expect(idea).toMatchObject({ title: 'Export to Excel', status: 'NEW', version: 1 });
    const reviewed = await changeStatus(idea.id, 'UNDER_REVIEW', 'Asked by three key accounts');
    expect(reviewed.idea).toMatchObject({
      status: 'UNDER_REVIEW',
      statusReason: 'Asked by three key accounts',
      version: 2,
    });
    expect(await auditOf(idea.id)).toEqual([
      { action: 'idea.create' },
      { action: 'idea.change_status' },
    ]);
  });

  it('needs a reason to decline, refuses moves the life of an idea does not allow and changes nothing', async () => {
    const idea = await anIdea(h, pm);
    expect((await changeStatus(idea.id, 'DECLINED')).userErrors).toEqual([
      { field: ['input', 'reason'], code: 'REQUIRED', message: 'reason: is required for DECLINED' },
    ]);
    expect((await changeStatus(idea.id, 'SHIPPED')).userErrors).toEqual([
      {
        field: ['input', 'status'],
        code: 'INVALID_TRANSITION',
        message: 'status: a NEW idea can move to UNDER_REVIEW or PLANNED or DECLINED, not SHIPPED',
      },
    ]);
    expect((await changeStatus(idea.id, 'DUPLICATE')).userErrors[0].message).toBe(
      'status: an idea becomes DUPLICATE by merging it (mergeIdeas)',
    );
    expect(
      await h.dataSource.query('SELECT status, version FROM ideas WHERE id = $1', [idea.id]),
    ).toEqual([{ status: 'NEW', version: 1 }]);
    expect(await auditOf(idea.id)).toEqual([{ action: 'idea.create' }]);
  });

  it('leaves ideas to product: a sales rep reads them but gets FORBIDDEN creating one', async () => {
    const idea = await anIdea(h, pm);
    const rep = await h.tokenFor(aViewer({ roles: ['SALES_REP'] }));
    const read = await graphqlOk<{ idea: { id: string } }>(h.app, {
      query: `{ idea(id: "${idea.id}") { id } }`,
      token: rep,
    });
    expect(read.idea).toEqual({ id: idea.id });
    const res = await graphql(h.app, {
      query: ideaMutation('createIdea', 'CreateIdeaInput'),
      variables: { input: { title: 'Mine' } },
      token: rep,
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('linking feedback', () => {
  it('links items to several ideas and an idea to several items, once each', async () => {
    const [a, b] = await knownCustomers(h.dataSource, aCustomerSnapshot(), aCustomerSnapshot());
    const fa = await aFeatureRequest(h, a, pm);
    const fb = await aFeatureRequest(h, b, pm);
    const one = await anIdea(h, pm);
    const two = await anIdea(h, pm);
    expect((await link(h, pm, one.id, [fa, fb])).idea?.feedback).toEqual([{ id: fa }, { id: fb }]);
    expect((await link(h, pm, one.id, [fa])).idea?.feedback).toHaveLength(2);
    expect((await link(h, pm, two.id, [fa])).idea?.feedback).toEqual([{ id: fa }]);
    const unlinked = await ideaMutate(h, 'unlinkFeedbackFromIdea', 'IdeaFeedbackInput', pm, {
      ideaId: one.id,
      feedbackIds: [fa],
    });
    expect(unlinked.idea?.feedback).toEqual([{ id: fb }]);
    expect(await auditOf(one.id)).toEqual([
      { action: 'idea.create' },
      { action: 'idea.link_feedback' },
      { action: 'idea.unlink_feedback' },
    ]);
  });

  it('refuses unknown items by position and links none of the batch', async () => {
    const [a] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const fa = await aFeatureRequest(h, a, pm);
    const idea = await anIdea(h, pm);
    const missing = '0190a000-0000-7000-8000-000000000000';
    const result = await link(h, pm, idea.id, [fa, missing, 'nope']);
    expect(result.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.feedbackIds.2', 'INVALID'],
    ]);
    const again = await link(h, pm, idea.id, [fa, missing]);
    expect(again.userErrors).toEqual([
      {
        field: ['input', 'feedbackIds', '1'],
        code: 'NOT_FOUND',
        message: `feedbackIds.1: no feedback item ${missing}`,
      },
    ]);
    expect(
      await h.dataSource.query('SELECT 1 FROM idea_feedback WHERE idea_id = $1', [idea.id]),
    ).toEqual([]);
  });

  it('shows a sales rep only the linked items of customers they own', async () => {
    const repViewer = aViewer({ roles: ['SALES_REP'] });
    const [mine, other] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ ownerId: repViewer.id }),
      aCustomerSnapshot({ ownerId: aViewer().id }),
    );
    const idea = await anIdea(h, pm);
    const fMine = await aFeatureRequest(h, mine, pm);
    await link(h, pm, idea.id, [fMine, await aFeatureRequest(h, other, pm)]);
    const read = await graphqlOk<{ idea: IdeaOut }>(h.app, {
      query: `{ idea(id: "${idea.id}") { ${IDEA_FIELDS} } }`,
      token: await h.tokenFor(repViewer),
    });
    expect(read.idea.feedback).toEqual([{ id: fMine }]);
  });
});

describe('merging ideas', () => {
  it('moves the duplicate’s links to the surviving idea, each item once, and closes the duplicate', async () => {
    const [a, b] = await knownCustomers(h.dataSource, aCustomerSnapshot(), aCustomerSnapshot());
    const fa = await aFeatureRequest(h, a, pm);
    const fb = await aFeatureRequest(h, b, pm);
    const into = await anIdea(h, pm, 'Excel export');
    const duplicate = await anIdea(h, pm, 'Export as xlsx');
    await link(h, pm, into.id, [fa]);
    await link(h, pm, duplicate.id, [fa, fb]);
    const merged = await merge(h, pm, duplicate.id, into.id);
    expect(merged.feedback.map((f) => f.id).sort()).toEqual([fa, fb].sort());
    const gone = await graphqlOk<{ idea: IdeaOut }>(h.app, {
      query: `{ idea(id: "${duplicate.id}") { ${IDEA_FIELDS} } }`,
      token: pm,
    });
    expect(gone.idea).toMatchObject({
      status: 'DUPLICATE',
      statusReason: 'merged into Excel export',
      duplicateOf: { id: into.id },
      feedback: [],
    });
    expect(await auditOf(duplicate.id)).toContainEqual({ action: 'idea.merge' });
    expect(await auditOf(into.id)).toContainEqual({ action: 'idea.absorb_duplicate' });
    const relink = await link(h, pm, duplicate.id, [fa]);
    expect(relink.userErrors).toEqual([
      {
        field: ['input', 'ideaId'],
        code: 'CONFLICT',
        message: `ideaId: idea ${duplicate.id} is DUPLICATE (merged into ${into.id})`,
      },
    ]);
  });

  it('refuses to merge an idea into itself', async () => {
    const idea = await anIdea(h, pm);
    const result = await ideaMutate(h, 'mergeIdeas', 'MergeIdeasInput', pm, {
      duplicateId: idea.id,
      intoId: idea.id,
    });
    expect(result.userErrors.map((e) => e.code)).toEqual(['INVALID']);
  });
});

describe('RICE', () => {
  const RICE = `mutation($input: SetIdeaRiceInput!) {
    setIdeaRice(input: $input) {
      idea { id version rice { reach impact confidence effort score } }
      userErrors { field code message }
    }
  }`;
  const setRice = (input: object) =>
    mutate<{ idea: { rice: object | null; version: number } | null }>(
      h,
      'setIdeaRice',
      RICE,
      pm,
      input,
    );

  it('keeps a RICE estimate with its exact score, audits it, and clears it with null', async () => {
    const idea = await anIdea(h, pm);
    const set = await setRice({
      ideaId: idea.id,
      rice: { reach: 1000, impact: '0.5', confidence: 80, effort: '3' },
    });
    // 1000 × 0.5 × 80% ÷ 3 = 133.333…
    expect(set.idea?.rice).toEqual({
      reach: 1000,
      impact: '0.5',
      confidence: 80,
      effort: '3',
      score: '133.33',
    });
    expect((await setRice({ ideaId: idea.id, rice: null })).idea?.rice).toBeNull();
    expect(await auditOf(idea.id)).toEqual([
      { action: 'idea.create' },
      { action: 'idea.set_rice' },
      { action: 'idea.set_rice' },
    ]);
  });

  it('names each bad RICE field and changes nothing', async () => {
    const idea = await anIdea(h, pm);
    const result = await setRice({
      ideaId: idea.id,
      rice: { reach: -1, impact: '4', confidence: 120, effort: '0' },
    });
    expect(result.userErrors.map((e) => e.field?.join('.'))).toEqual([
      'input.rice.reach',
      'input.rice.impact',
      'input.rice.confidence',
      'input.rice.effort',
    ]);
    expect(
      await h.dataSource.query('SELECT rice_reach, version FROM ideas WHERE id = $1', [idea.id]),
    ).toEqual([{ rice_reach: null, version: 1 }]);
  });
});
