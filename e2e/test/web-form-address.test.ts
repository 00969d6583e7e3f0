import { randomBytes } from 'node:crypto';
import { formUrl } from './lead-handoff';

describe('a web form behind the gateway', () => {
  it('limits posts by the address the gateway saw, whatever X-Forwarded-For the client sends', async () => {
    // a form key of its own: the limit counts per form and address, so other tests are not held up
    const url = formUrl(randomBytes(16).toString('hex'));
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ name: 'Spoofer', phone: '13800000000' }),
      });
      statuses.push(res.status);
    }
    // FORM_RATE_LIMIT (20) posts reach the form lookup (no such form); the 21st is refused
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses[20]).toBe(429);
  });
});
