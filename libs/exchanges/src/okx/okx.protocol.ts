import type { ConnectorProtocol } from '@feedgate/connector';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { SpecConnectorProtocol } from '../protocol/spec-connector.protocol';
import { okxChecksum } from './okx.checksum';
import { OkxParser } from './okx.parser.generated';
import { okxSpec } from './okx.spec-def';

/**
 * OKX v5 on the connector: the `books` subscription brings a WebSocket snapshot, updates
 * chain `prevSeqId` → previous `seqId`, and each carries the CRC-32 of the top 25 levels,
 * which the connector checks against the book it maintains.
 */
export function okxProtocol(options: ProtocolOptions = {}): ConnectorProtocol {
  return new SpecConnectorProtocol({
    spec: okxSpec,
    createParser: () => new OkxParser(),
    options,
    checksumInFrame: true,
    book: {
      snapshotSource: 'ws',
      continuity: 'linked',
      checksum: (view) => okxChecksum(view.bids, view.asks),
      checksumDepth: 25,
    },
  });
}
