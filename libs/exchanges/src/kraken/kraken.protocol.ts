import type { ConnectorProtocol } from '@feedgate/connector';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { SpecConnectorProtocol } from '../protocol/spec-connector.protocol';
import { krakenChecksum } from './kraken.checksum';
import { KrakenParser } from './kraken.parser.generated';
import { krakenSpec } from './kraken.spec-def';

/**
 * Kraken WebSocket v2 on the connector: one subscribe frame per channel, a WebSocket book
 * snapshot, and no sequence numbers — integrity rests on the CRC-32 of the top 10 levels
 * that every book message carries, checked against the maintained (depth-10) book.
 */
export function krakenProtocol(options: ProtocolOptions = {}): ConnectorProtocol {
  return new SpecConnectorProtocol({
    spec: krakenSpec,
    createParser: () => new KrakenParser(),
    options,
    checksumInFrame: true,
    book: {
      snapshotSource: 'ws',
      continuity: 'none',
      checksum: (view) => krakenChecksum(view.bids, view.asks),
      checksumDepth: 10,
    },
  });
}
