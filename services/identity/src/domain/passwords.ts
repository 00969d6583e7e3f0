import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * scrypt from node:crypto (memory-hard, no native add-on needed) with OWASP's current minimum:
 * N=2^17, r=8, p=1 (128 MiB of memory per hash). Every hash carries its parameters, so hashes
 * made with older ones still verify, and a login with one rehashes the password (login.ts).
 */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

let current: ScryptParams = SCRYPT_PARAMS;

/**
 * Test suites that create and log in many people may hash with cheaper parameters (each hash
 * at N=2^17 costs 128 MiB and a fraction of a second). The service never calls this: what runs
 * in any environment hashes with SCRYPT_PARAMS.
 */
export function useScryptParamsInTests(params: ScryptParams): void {
  current = params;
}
/** Parameters a stored hash may ask for (a damaged or planted hash must not exhaust memory). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** scrypt needs about 128 * N * r bytes; Node refuses more than 32 MiB unless told. */
const withMemory = (params: ScryptParams): ScryptOptions => ({
  ...params,
  maxmem: 256 * params.N * params.r,
});

/** `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, withMemory(current));
  return [
    'scrypt',
    current.N,
    current.r,
    current.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

interface StoredHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const isPowerOfTwo =
    Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!isPowerOfTwo || params.N > MAX_N) return null;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > MAX_R) return null;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P) return null;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const actual = await scrypt(password, parsed.salt, parsed.hash.length, withMemory(parsed.params));
  return timingSafeEqual(parsed.hash, actual);
}

/** Whether a stored hash was made with other parameters than today's (rehash it at login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed ||
    parsed.params.N !== current.N ||
    parsed.params.r !== current.r ||
    parsed.params.p !== current.p
  );
}

export const MIN_PASSWORD_LENGTH = 8;
