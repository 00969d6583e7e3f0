import { spawnSync } from 'node:child_process';

/** Where Debian's chromium package puts the browser the console's browser tests drive. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

function hasChromium(): boolean {
  return spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** A font with Chinese glyphs, so the screenshots of the (Chinese by default) console are legible. */
function hasChineseFont(): boolean {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return fonts.status === 0 && fonts.stdout.trim() !== '';
}

/**
 * Debian's chromium is the browser of the console's browser tests (Playwright drives it; no
 * browser is ever downloaded). Installs it, and a Chinese font, with apt-get when missing, as
 * ensureKcat does kcat. Answers the browser's path.
 */
export function ensureChromium(say: (line: string) => void): string {
  const missing = [
    ...(hasChromium() ? [] : ['chromium']),
    ...(hasChineseFont() ? [] : ['fonts-wqy-zenhei']),
  ];
  if (!missing.length) return CHROMIUM_PATH;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${missing.join(' and ')} missing: install with \`sudo apt-get install -y ${missing.join(' ')}\``,
    );
  }
  say(`installing Debian's ${missing.join(' and ')} (for the console's browser tests)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
      encoding: 'utf8',
      env,
    });
  let result = install();
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { encoding: 'utf8', env });
    result = install();
  }
  if (result.status !== 0 || !hasChromium())
    throw new Error(`could not install ${missing.join(' ')}:\n${result.stderr}`);
  return CHROMIUM_PATH;
}
