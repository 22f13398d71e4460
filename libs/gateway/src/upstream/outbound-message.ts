/**
 * One message for clients, serialized ONCE per event and shared by every subscriber.
 * `conflationKey` marks state updates (bbo, nbbo, book): a client that is behind keeps only
 * the latest per key. For books a queued delta cannot simply replace another, so `resync`
 * renders a fresh snapshot of the maintained book when the client catches up.
 */
export interface OutboundMessage {
  readonly text: string;
  /**
   * `text` as one complete WebSocket text frame (textFrame), built once by the fan-out and
   * shared by every subscriber: a plain session writes it to its TCP socket as is.
   */
  readonly frame?: Buffer;
  readonly conflationKey?: string;
  readonly resync?: () => string;
}

/** Receives fan-out from MarketFeed (implemented by the WebSocket client session). */
export interface FeedSubscriber {
  deliver(message: OutboundMessage): void;
}

/** The wire form of a data message: `{"op":"data","channel":…,"data":<JSON form>}`. */
export function dataMessage(
  channel: string,
  data: unknown,
  extra?: Record<string, unknown>,
): string {
  return JSON.stringify(
    extra ? { op: 'data', channel, ...extra, data } : { op: 'data', channel, data },
  );
}
