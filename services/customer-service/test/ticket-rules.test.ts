import { canMove, resolvedAtAfter, transitionRefusal } from '../src/domain/ticket-rules';
import type { Ticket } from '../src/db/tickets';

const ticket = (resolvedAt: Date | null) => ({ resolvedAt }) as Ticket;

describe('the ticket workflow rules', () => {
  it('lets unresolved tickets move anywhere else, a resolved one reopen or close, a closed one nowhere', () => {
    expect(canMove('OPEN', 'PENDING')).toBe(true);
    expect(canMove('PENDING', 'OPEN')).toBe(true);
    expect(canMove('RESOLVED', 'OPEN')).toBe(true);
    expect(canMove('RESOLVED', 'PENDING')).toBe(false);
    expect(canMove('CLOSED', 'OPEN')).toBe(false);
    expect(canMove('OPEN', 'OPEN')).toBe(false);
  });

  it('explains a refused move with the moves that are allowed', () => {
    expect(transitionRefusal('RESOLVED', 'PENDING')).toBe(
      'status: a RESOLVED ticket can move to OPEN or CLOSED, not PENDING',
    );
    expect(transitionRefusal('OPEN', 'OPEN')).toBe('status: the ticket is already OPEN');
  });

  it('stamps the resolution time on resolve, keeps it on close and clears it on reopen', () => {
    const now = new Date('2026-03-01T08:00:00Z');
    const earlier = new Date('2026-02-27T08:00:00Z');
    expect(resolvedAtAfter(ticket(null), 'RESOLVED', now)).toEqual(now);
    expect(resolvedAtAfter(ticket(earlier), 'CLOSED', now)).toEqual(earlier);
    expect(resolvedAtAfter(ticket(null), 'CLOSED', now)).toEqual(now);
    expect(resolvedAtAfter(ticket(earlier), 'OPEN', now)).toBeNull();
  });
});
