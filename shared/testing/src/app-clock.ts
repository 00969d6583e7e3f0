/**
 * Everything jest's fake timers can replace except Date: pass as `doNotFake` to move only the
 * application's clock (`jest.useFakeTimers({ doNotFake: [...TIMERS_BUT_DATE], now })`) while
 * timers, the database driver and Kafka keep real time.
 */
export const TIMERS_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;
