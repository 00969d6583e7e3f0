// The signed-in person's token, kept in localStorage so a reload stays signed in. Listeners hear
// sign-in, sign-out and expiry (the gateway refused the token), so the app can go to the login.
export type SessionEnd = 'signed-out' | 'expired';

const KEY = 'crm.session';

interface Stored {
  token: string;
  expiresAt: string | null;
}

type Listener = (end: SessionEnd | null) => void;
const listeners = new Set<Listener>();
let lastEnd: SessionEnd | null = null;

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

/** The token to send, or null once it is gone or past its expiry. */
export function currentToken(): string | null {
  const stored = read();
  if (!stored) return null;
  if (stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now()) {
    // called while rendering: no listeners here, the caller sees the token gone
    localStorage.removeItem(KEY);
    lastEnd = 'expired';
    return null;
  }
  return stored.token;
}

export function startSession(token: string, expiresAt: string | null): void {
  localStorage.setItem(KEY, JSON.stringify({ token, expiresAt } satisfies Stored));
  lastEnd = null;
  for (const listener of listeners) listener(null);
}

export function endSession(end: SessionEnd): void {
  if (!read()) return;
  localStorage.removeItem(KEY);
  lastEnd = end;
  for (const listener of listeners) listener(end);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Why the last session ended (null while signed in or never signed in). */
export function sessionEnd(): SessionEnd | null {
  return lastEnd;
}
