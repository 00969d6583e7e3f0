import { rows, type Tx } from '@crm/database';
import type { JWK } from 'jose';

export async function newestSigningKey(
  tx: Tx,
): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK } | null> {
  const found = await rows<{ kid: string; private_jwk: JWK; public_jwk: JWK }>(
    tx,
    'SELECT kid, private_jwk, public_jwk FROM signing_keys ORDER BY created_at DESC LIMIT 1',
  );
  return found[0]
    ? { kid: found[0].kid, privateJwk: found[0].private_jwk, publicJwk: found[0].public_jwk }
    : null;
}

export async function allPublicKeys(tx: Tx): Promise<JWK[]> {
  const found = await rows<{ public_jwk: JWK }>(
    tx,
    'SELECT public_jwk FROM signing_keys ORDER BY created_at DESC',
  );
  return found.map((r) => r.public_jwk);
}

/** Inserts the key unless one with the same kid exists (two replicas starting together). */
export async function insertSigningKey(
  tx: Tx,
  kid: string,
  privateJwk: JWK,
  publicJwk: JWK,
): Promise<void> {
  await tx.query(
    'INSERT INTO signing_keys (kid, private_jwk, public_jwk) VALUES ($1, $2, $3) ON CONFLICT (kid) DO NOTHING',
    [kid, JSON.stringify(privateJwk), JSON.stringify(publicJwk)],
  );
}
