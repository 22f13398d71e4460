/**
 * kafkajs 2.x looks the coordinator up again (a FindCoordinator round trip) before EVERY
 * transactional request: AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit and EndTxn each
 * cost two round trips instead of one. A dedup transaction was 9 requests instead of 5, and on
 * a loaded broker each one can wait 10–200 ms, so the lookups alone were a large share of the
 * 300–900 ms transactions seen in the load runs (traced with the producer's REQUEST events).
 *
 * This caches the answer of `Cluster#findGroupCoordinator` per cluster, per coordinator type and
 * key, for a short time. The coordinator of a key moves only when a broker fails or partitions
 * are reassigned, and then the requests sent to the old one fail: any rejected call on a cached
 * broker drops the entry, so kafkajs' own retry looks the coordinator up afresh, as it always
 * did. The TTL bounds how long a stale-but-answering coordinator could be used.
 *
 * Applied once, idempotent, and only if kafkajs' Cluster still has the expected shape; on any
 * other kafkajs version it does nothing and kafkajs behaves as shipped.
 */
import { createRequire } from 'node:module';

interface LookupArgs {
  readonly groupId: string;
  readonly coordinatorType?: number;
}

type Lookup = (this: object, args: LookupArgs) => Promise<object>;

interface ClusterClass {
  prototype: { findGroupCoordinator: Lookup };
}

interface Entry {
  readonly broker: object;
  readonly expiresAt: number;
}

/**
 * Answers that come from the right coordinator: it is busy finishing the previous transaction's
 * markers (asked again every few ms), so forgetting it would only add a lookup to each retry.
 */
const FROM_THE_COORDINATOR = new Set(['CONCURRENT_TRANSACTIONS']);

const PATCHED = Symbol.for('feedgate.kafkajs.coordinator.cache');
const CACHE = Symbol.for('feedgate.kafkajs.coordinator.cache.entries');

export class KafkajsCoordinatorCachePatch {
  /** How long a looked-up coordinator is reused without a new FindCoordinator. */
  static readonly TTL_MS = 10_000;
  private static applied: boolean | undefined;

  /** True when the cache is active (kafkajs's Cluster was found and has the expected shape). */
  static apply(): boolean {
    if (this.applied !== undefined) return this.applied;
    this.applied = false;
    let Cluster: ClusterClass;
    try {
      Cluster = createRequire(__filename)('kafkajs/src/cluster') as ClusterClass;
    } catch {
      return false;
    }
    const proto = Cluster?.prototype as
      ({ findGroupCoordinator: Lookup } & { [PATCHED]?: true }) | undefined;
    if (!proto || typeof proto.findGroupCoordinator !== 'function') return false;
    if (!proto[PATCHED]) {
      proto.findGroupCoordinator = cachedLookup(proto.findGroupCoordinator);
      proto[PATCHED] = true;
    }
    this.applied = true;
    return true;
  }
}

/** Wraps the shipped lookup; exported for the spec, which drives it with a fake cluster. */
export function cachedLookup(original: Lookup, now: () => number = Date.now): Lookup {
  return async function findGroupCoordinator(this: object, args: LookupArgs): Promise<object> {
    const host = this as { [CACHE]?: Map<string, Entry> };
    const cache = (host[CACHE] ??= new Map<string, Entry>());
    const key = `${args.coordinatorType ?? 0}\u0000${args.groupId}`;
    const hit = cache.get(key);
    if (hit !== undefined && hit.expiresAt > now()) return hit.broker;
    const broker = await original.call(this, args);
    const entry: Entry = {
      broker: forgetOnFailure(broker, () => {
        if (cache.get(key) === entry) cache.delete(key);
      }),
      expiresAt: now() + KafkajsCoordinatorCachePatch.TTL_MS,
    };
    cache.set(key, entry);
    return entry.broker;
  };
}

/**
 * The broker as kafkajs sees it, except that a rejected request (not the coordinator any more,
 * connection lost, timeout...) also drops the cache entry that handed it out.
 */
function forgetOnFailure(broker: object, forget: () => void): object {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(broker, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      let fn = wrapped.get(prop);
      if (fn === undefined || (fn as { original?: unknown }).original !== value) {
        const call = value as (...a: unknown[]) => unknown;
        const guarded = (...a: unknown[]): unknown => {
          let out: unknown;
          try {
            out = call.apply(target, a);
          } catch (error) {
            forget();
            throw error;
          }
          // The caller still gets the rejection; this branch only clears the entry.
          if (out instanceof Promise) {
            out.catch((error: unknown) => {
              if (!FROM_THE_COORDINATOR.has((error as { type?: string })?.type ?? '')) forget();
            });
          }
          return out;
        };
        (guarded as { original?: unknown }).original = value;
        wrapped.set(prop, (fn = guarded));
      }
      return fn;
    },
  });
}
