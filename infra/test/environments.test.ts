import path from 'node:path';

describe('where the development system keeps its data', () => {
  const load = () => {
    jest.resetModules();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- re-read with the variable set
    return require('../src/environments') as typeof import('../src/environments');
  };
  afterEach(() => delete process.env.CRM_DATA_DIR);

  it('keeps the broker beside the machine-wide databases, outside any checkout', () => {
    const { DEV } = load();
    const { repoRoot } = jest.requireActual<typeof import('../src/paths')>('../src/paths');
    expect(path.relative(repoRoot, DEV.kafkaDir).startsWith('..')).toBe(true);
    expect(DEV.kafkaDir).toMatch(/crm[/\\]kafka$/);
  });

  it('follows CRM_DATA_DIR', () => {
    process.env.CRM_DATA_DIR = '/srv/crm-data';
    expect(load().DEV.kafkaDir).toBe('/srv/crm-data/kafka');
  });
});
