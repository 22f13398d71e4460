/**
 * Per-key cooldown so a persisting condition (a feed stuck crossed) raises one alert per
 * cooldown, not one per message. Bounded: `sweep` forgets keys whose cooldown has passed.
 */
export class AlertThrottle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly cooldownMs: number,
    private readonly maxKeys: number,
  ) {}

  allow(key: string, nowMs: number): boolean {
    const prev = this.last.get(key);
    if (prev !== undefined && nowMs - prev < this.cooldownMs) return false;
    if (prev === undefined && this.last.size >= this.maxKeys) {
      this.sweep(nowMs);
      // Still full of live cooldowns: forgetting them risks a repeated alert, not memory growth.
      if (this.last.size >= this.maxKeys) this.last.clear();
    }
    this.last.set(key, nowMs);
    return true;
  }

  sweep(nowMs: number): void {
    for (const [k, t] of this.last) if (nowMs - t >= this.cooldownMs) this.last.delete(k);
  }

  get size(): number {
    return this.last.size;
  }
}
