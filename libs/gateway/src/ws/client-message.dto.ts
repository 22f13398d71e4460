import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { SYMBOL_PATTERN } from '../admin/admin.dto';
import { MARKET_CHANNELS, type MarketChannel } from '../upstream/market-channel';

export const CLIENT_OPS = ['subscribe', 'unsubscribe', 'ping'] as const;
export const INTERVALS = ['1s', '1m', '5m', '1h'] as const;

/**
 * An inbound /ws message. `symbol` is required except for alerts/status (every symbol);
 * `interval` only makes sense for candles.
 */
export class ClientMessageDto {
  @IsIn(CLIENT_OPS)
  op!: (typeof CLIENT_OPS)[number];

  @ValidateIf((m: ClientMessageDto) => m.op !== 'ping')
  @IsIn(MARKET_CHANNELS)
  channel!: MarketChannel;

  @ValidateIf(
    (m: ClientMessageDto) =>
      m.op !== 'ping' &&
      (m.symbol !== undefined || (m.channel !== 'alerts' && m.channel !== 'status')),
  )
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'symbol must be a normalized symbol like BTC-USDT' })
  symbol?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(/^[a-z0-9-]+$/, { message: 'exchange must be a lower-case exchange id' })
  exchange?: string;

  @ValidateIf((m: ClientMessageDto) => m.interval !== undefined)
  @IsIn(INTERVALS)
  interval?: (typeof INTERVALS)[number];
}
