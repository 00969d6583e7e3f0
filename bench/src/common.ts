// Helpers of the benchmark scripts: they talk to a running system like any client does.
export const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432';
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo1234';
// npm start's databases are crm_<service>; another system's carry a suffix (the e2e one: _e2e).
const DATABASE_SUFFIX = process.env.BENCH_DATABASE_SUFFIX ?? '';

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}${DATABASE_SUFFIX}`;
  return url.toString();
}

export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(GATEWAY_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function login(email: string): Promise<{ token: string; id: string }> {
  const data = await gql<{ login: { token: string | null; employee: { id: string } | null } }>(
    'mutation($input: LoginInput!) { login(input: $input) { token employee { id } } }',
    { input: { email, password: DEMO_PASSWORD } },
  );
  if (!data.login.token || !data.login.employee)
    throw new Error(`login failed for ${email} (is npm start running?)`);
  return { token: data.login.token, id: data.login.employee.id };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarize(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  process.stdout.write(
    `${label}: n=${samples.length} p50=${percentile(sorted, 50).toFixed(1)} ms p95=${percentile(sorted, 95).toFixed(1)} ms ` +
      `p99=${percentile(sorted, 99).toFixed(1)} ms max=${sorted.at(-1)!.toFixed(1)} ms mean=${mean.toFixed(1)} ms\n`,
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
