import type { ConnectorProtocol } from '@feedgate/connector';
import { binanceRestSnapshot } from '../protocol/binance-rest-snapshot';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { restUrl } from '../protocol/protocol-urls';
import { SpecConnectorProtocol } from '../protocol/spec-connector.protocol';
import { BinanceFuturesParser } from './binance-futures.parser.generated';
import { binanceFuturesSpec } from './binance-futures.spec-def';

/**
 * Binance USDⓈ-M futures on the connector: REST snapshot (`/fapi/v1/depth`) plus diffs whose
 * `pu` must equal the previous `u` (the first one straddles `lastUpdateId`).
 */
export function binanceFuturesProtocol(options: ProtocolOptions = {}): ConnectorProtocol {
  const template = binanceFuturesSpec.endpoints.restSnapshot as string;
  const depth = options.snapshotDepth ?? 1000;
  return new SpecConnectorProtocol({
    spec: binanceFuturesSpec,
    createParser: () => new BinanceFuturesParser(),
    options,
    book: {
      snapshotSource: 'rest',
      snapshotUrl: (sub) => restUrl(template, options.urls?.rest, sub.nativeSymbol, depth),
      parseSnapshot: (body, sub, localTs) =>
        binanceRestSnapshot('binance-futures', body, sub, localTs),
      continuity: 'binance',
    },
  });
}
