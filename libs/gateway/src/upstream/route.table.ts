import type { FeedSubscriber } from './outbound-message';

/** Subscribers of one routing target, or undefined when nobody listens. */
export type Targets = readonly FeedSubscriber[] | undefined;

/**
 * The routing keys of one target that is routed again and again (MarketFeed keeps one per
 * instrument and channel) and its cached subscribers, valid while the table's generation is
 * unchanged.
 */
export class RouteSlot {
  generation = -1;
  targets: Targets = undefined;

  constructor(readonly keys: readonly string[]) {}
}

/**
 * Subscriber sets by routing key (market-channel.ts selectorKey). Subscriptions change rarely
 * and events arrive by the thousand per second, so the subscribers of an event's matching keys
 * are resolved once per (instrument, channel) into a RouteSlot and reused until the next
 * subscribe or unsubscribe bumps the generation: no key strings built, hashed and looked up
 * per event.
 */
export class RouteTable {
  private readonly routes = new Map<string, Set<FeedSubscriber>>();
  private generation = 0;

  /** Number of keys with at least one subscriber. */
  get size(): number {
    return this.routes.size;
  }

  add(key: string, subscriber: FeedSubscriber): void {
    let set = this.routes.get(key);
    if (!set) this.routes.set(key, (set = new Set()));
    set.add(subscriber);
    this.generation++;
  }

  remove(key: string, subscriber: FeedSubscriber): void {
    const set = this.routes.get(key);
    if (!set) return;
    set.delete(subscriber);
    if (set.size === 0) this.routes.delete(key);
    this.generation++;
  }

  /** The slot's targets, resolved again only when the subscriptions have changed. */
  targets(slot: RouteSlot): Targets {
    if (slot.generation !== this.generation) {
      slot.targets = this.resolve(slot.keys);
      slot.generation = this.generation;
    }
    return slot.targets;
  }

  /**
   * Subscribers of any of `keys`, each once, in key order then subscription order; undefined
   * when none.
   */
  resolve(keys: readonly string[]): Targets {
    let found: Set<FeedSubscriber> | undefined;
    let merged: Set<FeedSubscriber> | undefined;
    for (const key of keys) {
      const set = this.routes.get(key);
      if (!set) continue;
      if (!found) found = set;
      else {
        merged ??= new Set(found);
        for (const s of set) merged.add(s);
      }
    }
    const all = merged ?? found;
    return all ? [...all] : undefined;
  }
}
