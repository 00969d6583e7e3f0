import type { Stage } from '../../db/stages';

/**
 * The stage rule (README: Rules). A closed opportunity (won or lost) never moves again. An open
 * one may move back to any earlier open stage, forward over at most `maxSkip` open stages, to
 * lost from anywhere, and to won only from the second open stage on and over at most `maxSkip`
 * open stages (so with the default 1, won is reached from Proposal or Negotiation).
 * Returns why the move is refused, or null when it is allowed.
 */
export function stageMoveProblem(
  stages: readonly Stage[],
  from: Stage,
  to: Stage,
  maxSkip: number,
): string | null {
  if (from.closedWon || from.closedLost)
    return `the opportunity is already ${from.closedWon ? 'won' : 'lost'} and cannot move to "${to.name}"`;
  if (from.id === to.id) return `the opportunity is already in "${to.name}"`;
  if (!to.active) return `"${to.name}" is no longer in use`;
  if (to.closedLost) return null;
  const open = stages
    .filter((s) => !s.closedWon && !s.closedLost && (s.active || s.id === from.id))
    .sort((a, b) => a.position - b.position);
  const at = open.findIndex((s) => s.id === from.id);
  if (to.closedWon) {
    if (at === 0)
      return `an opportunity cannot be won straight from the first stage "${from.name}"`;
    const skipped = open.length - at - 1;
    return skipped > maxSkip
      ? `moving to "${to.name}" from "${from.name}" would skip ${skipped} stages (at most ${maxSkip} allowed)`
      : null;
  }
  const target = open.findIndex((s) => s.id === to.id);
  const skipped = target - at - 1;
  return skipped > maxSkip
    ? `moving from "${from.name}" to "${to.name}" would skip ${skipped} stages (at most ${maxSkip} allowed)`
    : null;
}
