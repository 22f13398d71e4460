import type { ConnectorProtocol } from '@feedgate/connector';
import { binanceFuturesProtocol } from '../binance-futures/binance-futures.protocol';
import { binanceProtocol } from '../binance/binance.protocol';
import { bybitProtocol } from '../bybit/bybit.protocol';
import { coinbaseProtocol } from '../coinbase/coinbase.protocol';
import { krakenProtocol } from '../kraken/kraken.protocol';
import { okxProtocol } from '../okx/okx.protocol';
import type { ProtocolOptions } from './protocol-options';
import { UnknownProtocolError } from './unknown-protocol.error';

const FACTORIES: Readonly<Record<string, (o: ProtocolOptions) => ConnectorProtocol>> = {
  binance: binanceProtocol,
  'binance-futures': binanceFuturesProtocol,
  coinbase: coinbaseProtocol,
  kraken: krakenProtocol,
  okx: okxProtocol,
  bybit: bybitProtocol,
};

/** Exchange ids with a connector protocol adapter. */
export const CONNECTOR_PROTOCOL_IDS: readonly string[] = Object.keys(FACTORIES);

/** A fresh ConnectorProtocol for an exchange id (URL overrides point it at the emulator). */
export function createConnectorProtocol(
  id: string,
  options: ProtocolOptions = {},
): ConnectorProtocol {
  const factory = FACTORIES[id];
  if (!factory) throw new UnknownProtocolError(id, CONNECTOR_PROTOCOL_IDS);
  return factory(options);
}
