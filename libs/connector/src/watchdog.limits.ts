import type { ConnectorActorOptions } from './connector.options';
import type { ChannelKind } from './protocol/channel-subscription';

/** Quiet threshold of one channel before it is flagged stale (default 60 s). */
export function quietFor(options: ConnectorActorOptions, channel: ChannelKind): number {
  const q = options.channelQuietMs;
  if (typeof q === 'number') return q;
  return q?.[channel] ?? 60_000;
}

/** Watchdog period: a quarter of the tightest limit, clamped to 10 ms..1 s, unless configured. */
export function tickMs(options: ConnectorActorOptions): number {
  if (options.watchdogTickMs !== undefined) return options.watchdogTickMs;
  const hb = options.protocol.heartbeat;
  const limits = [
    options.protocol.maxSilenceMs,
    hb.mode === 'server' ? Infinity : hb.pongTimeoutMs,
  ];
  return Math.min(1000, Math.max(10, Math.floor(Math.min(...limits) / 4)));
}
