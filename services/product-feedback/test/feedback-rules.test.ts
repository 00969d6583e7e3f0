import { canMoveFeedback, defaultSource, feedbackRefusal } from '../src/domain/feedback-rules';

describe('feedback triage rules', () => {
  it('allows the triage path and reconsidering a declined item, but nothing after DONE', () => {
    expect(canMoveFeedback('NEW', 'TRIAGED')).toBe(true);
    expect(canMoveFeedback('TRIAGED', 'PLANNED')).toBe(true);
    expect(canMoveFeedback('PLANNED', 'DONE')).toBe(true);
    expect(canMoveFeedback('DECLINED', 'TRIAGED')).toBe(true);
    expect(canMoveFeedback('NEW', 'PLANNED')).toBe(false);
    expect(canMoveFeedback('DONE', 'TRIAGED')).toBe(false);
    expect(feedbackRefusal('DONE', 'NEW')).toBe('status: DONE feedback cannot change any more');
  });

  it('takes the source from the recorder’s department', () => {
    expect(defaultSource(['SERVICE_AGENT'])).toBe('SERVICE');
    expect(defaultSource(['SALES_MANAGER'])).toBe('SALES');
    expect(defaultSource(['PRODUCT_MANAGER'])).toBe('OTHER');
  });
});
