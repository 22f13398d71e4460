import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';
import {
  type ApiKeyView,
  type ApiRole,
  BOOTSTRAP_KEY_ID,
  type Principal,
  type StoredApiKey,
} from './api-key.model';

const KEY_FORMAT = /^fgk_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/;
export const API_KEY_ENTITY_PREFIX = 'apikey/';

/**
 * API keys: `fgk_<id>_<secret>` with 192 random bits of secret. Only a salted SHA-256 of the
 * secret is kept (a slow KDF like scrypt buys nothing for random 192-bit secrets and would
 * cost ~50 ms per WebSocket connect). The plain key exists only in the create() result.
 */
@Injectable()
export class ApiKeyService {
  private readonly keys = new Map<string, StoredApiKey>();
  private readonly bootstrapDigest: Buffer | undefined;
  private readonly revokedListeners = new Set<(keyId: string) => void>();

  constructor(config: GatewayConfig) {
    this.bootstrapDigest = config.bootstrapAdminKey
      ? sha256(Buffer.from(config.bootstrapAdminKey))
      : undefined;
  }

  /** Restores persisted keys (ConfigStore entries `apikey/<id>`). */
  restore(entries: ReadonlyMap<string, unknown>): number {
    let n = 0;
    for (const [id, value] of entries) if (value !== null && this.apply(id, value)) n++;
    return n;
  }

  /**
   * Applies one ConfigStore entry `apikey/<id>` (restored, or written by another instance):
   * a stored key is added, null revokes. False when the entry is not an API key.
   */
  apply(entityId: string, value: unknown): boolean {
    if (!entityId.startsWith(API_KEY_ENTITY_PREFIX)) return false;
    if (value === null) {
      this.revoke(entityId.slice(API_KEY_ENTITY_PREFIX.length));
      return true;
    }
    if (!isStoredKey(value)) return false;
    this.keys.set(value.id, value);
    return true;
  }

  /** Forgets a key; listeners (open WebSocket sessions) hear of it. False if unknown. */
  revoke(id: string): boolean {
    if (!this.keys.delete(id)) return false;
    for (const listener of this.revokedListeners) listener(id);
    return true;
  }

  has(id: string): boolean {
    return this.keys.has(id);
  }

  /** Called with the key id whenever a key is revoked (here or by another instance). */
  onRevoked(listener: (keyId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** Makes a key; returns the plain key (shown once) and the record to persist. */
  create(name: string, role: ApiRole, createdBy: string): { key: string; stored: StoredApiKey } {
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const salt = randomBytes(16).toString('hex');
    const stored: StoredApiKey = {
      id,
      name,
      role,
      salt,
      hash: hashSecret(salt, secret),
      createdAt: new Date().toISOString(),
      createdBy,
    };
    this.keys.set(id, stored);
    return { key: `fgk_${id}_${secret}`, stored };
  }

  list(): ApiKeyView[] {
    return [...this.keys.values()].map(({ salt: _s, hash: _h, ...view }) => view);
  }

  /** The principal of a presented key, or undefined (unknown, malformed, wrong secret). */
  verify(presented: string | undefined): Principal | undefined {
    if (!presented || presented.length > 256) return undefined;
    if (this.bootstrapDigest) {
      const digest = sha256(Buffer.from(presented));
      if (timingSafeEqual(digest, this.bootstrapDigest)) {
        return { keyId: BOOTSTRAP_KEY_ID, role: 'admin' };
      }
    }
    const match = KEY_FORMAT.exec(presented);
    if (!match) return undefined;
    const stored = this.keys.get(match[1]);
    if (!stored) return undefined;
    const expected = Buffer.from(stored.hash, 'hex');
    const actual = Buffer.from(hashSecret(stored.salt, match[2]), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    return { keyId: stored.id, role: stored.role };
  }
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function hashSecret(salt: string, secret: string): string {
  return createHash('sha256').update(salt).update(':').update(secret).digest('hex');
}

function isStoredKey(v: unknown): v is StoredApiKey {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.salt === 'string' &&
    typeof o.hash === 'string' &&
    (o.role === 'viewer' || o.role === 'admin')
  );
}
