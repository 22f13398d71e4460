/** A gate instance's share of the work: instance `index` of `count`. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/**
 * Which shard serves a key (`exchange:symbol`): 32-bit FNV-1a of the key mod count. A pure
 * function of the key, so every instance computes the same split without talking to the
 * others, and each key lands in exactly one shard.
 */
export function shardOfKey(key: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

export function inShard(key: string, shard: ShardSpec): boolean {
  return shardOfKey(key, shard.count) === shard.index;
}
