import { expect } from 'vitest';
import { CLOSE_UNAUTHORIZED } from '../ws/close-codes';
import { ADMIN_KEY, callAdmin, type GatewayTestApp, TestClient, waitFor } from './gateway-test.kit';

/** Polls an async condition (each try is a real request), bounded. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const opens = async (url: string, key: string): Promise<boolean> => {
  try {
    (await TestClient.open(url, key)).close();
    return true;
  } catch {
    return false;
  }
};

/**
 * Two gateway instances sharing one config store topic: a key created through A's admin API
 * authenticates on B (REST and /ws) within `timeoutMs`; revoked on A, it is refused by B and
 * B's open socket of that key is closed with 4401. Returns how long B took each time (ms).
 */
export async function expectKeySyncAcross(
  a: GatewayTestApp,
  b: GatewayTestApp,
  timeoutMs: number,
): Promise<{ createdMs: number; revokedMs: number }> {
  const created = await callAdmin(a.http, 'POST', '/admin/keys', ADMIN_KEY, {
    name: 'desk-sync',
    role: 'viewer',
  });
  expect(created.status).toBe(201);
  const key = created.json.key as string;
  const id = created.json.id as string;
  const createdMs = await eventually(() => opens(b.ws, key), timeoutMs);
  expect((await callAdmin(b.http, 'GET', '/admin/exchanges', key)).status).toBe(200);

  const onB = await TestClient.open(b.ws, key);
  onB.send({ op: 'ping' });
  await onB.until((c) => c.ops('pong').length === 1);

  expect((await callAdmin(a.http, 'DELETE', `/admin/keys/${id}`, ADMIN_KEY)).status).toBe(204);
  expect(await opens(a.ws, key)).toBe(false);
  const revokedMs = await eventually(async () => !(await opens(b.ws, key)), timeoutMs);
  expect((await callAdmin(b.http, 'GET', '/admin/exchanges', key)).status).toBe(401);
  await waitFor(() => onB.closeCode !== undefined, timeoutMs);
  expect(onB.closeCode).toBe(CLOSE_UNAUTHORIZED);
  expect(onB.closeReason).toBe('API key revoked');
  return { createdMs, revokedMs };
}
