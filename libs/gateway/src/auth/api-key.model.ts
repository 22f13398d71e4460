export const API_ROLES = ['viewer', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** What is persisted for a key: never the key itself, only a salted SHA-256 of its secret. */
export interface StoredApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: ApiRole;
  readonly salt: string;
  readonly hash: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** The public view of a key (lists, audit). */
export type ApiKeyView = Omit<StoredApiKey, 'salt' | 'hash'>;

/** An authenticated caller (REST request or WebSocket session). */
export interface Principal {
  readonly keyId: string;
  readonly role: ApiRole;
}

export const BOOTSTRAP_KEY_ID = 'bootstrap';
