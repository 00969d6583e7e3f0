/** Chinese legal forms: stripped wherever they end the name ("星辰科技有限公司" is "星辰科技"). */
const CHINESE_SUFFIXES = [
  '集团股份有限公司',
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '总公司',
  '集团',
  '公司',
];

/** Latin legal forms: stripped only as whole words ("Disco" keeps its "co"). */
const LATIN_SUFFIX =
  /\s(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|gmbh|group)$/;

/**
 * The key two company names share when people would call them the same: full-width folded to
 * half-width (NFKC), case, whitespace and punctuation ignored, legal suffixes (有限公司, 集团,
 * Co., Ltd., Inc., LLC, Corp. ...) removed, repeatedly. A name that is nothing but a suffix keeps
 * its folded form, so "有限公司" alone still has a key; a branch (分公司) stays a name of its own.
 */
export function companyNameKey(name: string): string | null {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ' ')
    .trim();
  if (!words) return null;
  let key = ` ${words}`;
  for (let stripped = true; stripped;) {
    stripped = false;
    const latin = LATIN_SUFFIX.exec(key);
    if (latin && latin.index > 0) {
      key = key.slice(0, latin.index);
      stripped = true;
      continue;
    }
    const compact = key.trimEnd();
    // the longest suffix decides: "有限公司" alone is a name, not "有限" plus a suffix
    const suffix = CHINESE_SUFFIXES.find((s) => compact.endsWith(s));
    if (
      suffix &&
      !compact.endsWith('分公司') &&
      compact.replace(/\s/g, '').length > suffix.length
    ) {
      key = compact.slice(0, -suffix.length);
      stripped = true;
    }
  }
  return key.replace(/\s/g, '') || words.replace(/\s/g, '');
}
