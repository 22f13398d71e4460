import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';

/**
 * Nest's ws adapter with its message parser switched off: MarketGateway reads raw frames
 * itself (rate limit before parsing, its own {"op":…} protocol), so Nest parsing every
 * message a second time for @SubscribeMessage handlers it does not have would be waste.
 * Use: `app.useWebSocketAdapter(new GatewayWsAdapter(app))`.
 */
export class GatewayWsAdapter extends WsAdapter {
  constructor(app: INestApplicationContext) {
    super(app, { messageParser: () => undefined });
  }
}
