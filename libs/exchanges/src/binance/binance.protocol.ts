import type { ConnectorProtocol } from '@feedgate/connector';
import { binanceRestSnapshot } from '../protocol/binance-rest-snapshot';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { restUrl } from '../protocol/protocol-urls';
import { SpecConnectorProtocol } from '../protocol/spec-connector.protocol';
import { BinanceParser } from './binance.parser.generated';
import { binanceSpec } from './binance.spec-def';

/**
 * Binance spot on the connector: combined streams, books from the REST depth snapshot
 * (`/api/v3/depth`) stitched by `lastUpdateId` to the buffered diffs, whose parser sets
 * seq = u and prevSeq = U − 1 so every later diff must have U == previous u + 1.
 */
export function binanceProtocol(options: ProtocolOptions = {}): ConnectorProtocol {
  const template = binanceSpec.endpoints.restSnapshot as string;
  const depth = options.snapshotDepth ?? 1000;
  return new SpecConnectorProtocol({
    spec: binanceSpec,
    createParser: () => new BinanceParser(),
    options,
    book: {
      snapshotSource: 'rest',
      snapshotUrl: (sub) => restUrl(template, options.urls?.rest, sub.nativeSymbol, depth),
      parseSnapshot: (body, sub, localTs) => binanceRestSnapshot('binance', body, sub, localTs),
      continuity: 'binance',
    },
  });
}
