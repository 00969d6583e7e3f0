// Test files run in the order of their paths, on every machine. Jest's default order depends on
// its timing cache (slowest and failed first) and, without one, on file sizes, so a fresh clone
// in CI and a developer's checkout ran the files of a package in different orders; a test that
// depends on what an earlier file left behind then fails in one place only. One order everywhere
// means a local run checks the order CI runs.
/** @type {import('jest').TestSequencer} */
module.exports = class PathOrderSequencer {
  sort(tests) {
    return [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  allFailedTests(tests) {
    return this.sort(tests);
  }

  cacheResults() {}
};
