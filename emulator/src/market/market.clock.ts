/**
 * Fixed-interval driver of the markets. Passes the real elapsed time so a late timer (event
 * loop busy) still yields rate × elapsed events; a single tick is capped so a long pause
 * (debugger, suspended laptop) cannot release a burst of unbounded size.
 */
export class MarketClock {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly tickMs: number,
    private readonly onTick: (dtMs: number, now: number) => void,
    private readonly maxTickMs = 1_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.last = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      const dt = Math.min(this.maxTickMs, Math.max(0, now - this.last));
      this.last = now;
      this.onTick(dt, now);
    }, this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
