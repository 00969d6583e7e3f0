import { spawnSync } from 'node:child_process';

function hasKcat(): boolean {
  return spawnSync('kcat', ['-V'], { encoding: 'utf8' }).status === 0;
}

/** kcat (librdkafka) is the independent Kafka client the delivery tests read topics with. */
export function ensureKcat(say: (line: string) => void): void {
  if (hasKcat()) return;
  if (process.getuid?.() !== 0) {
    throw new Error('kcat is missing: install it with `sudo apt-get install -y kcat`');
  }
  say("installing Debian's kcat (independent Kafka client used by the delivery tests)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-q', 'kcat'], { encoding: 'utf8', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { encoding: 'utf8', env });
    result = spawnSync('apt-get', ['install', '-y', '-q', 'kcat'], { encoding: 'utf8', env });
  }
  if (result.status !== 0 || !hasKcat())
    throw new Error(`could not install kcat:\n${result.stderr}`);
}
