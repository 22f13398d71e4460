import type { ConnectorProtocol } from '@feedgate/connector';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { SpecConnectorProtocol } from '../protocol/spec-connector.protocol';
import { CoinbaseParser } from './coinbase.parser.generated';
import { coinbaseSpec } from './coinbase.spec-def';

/**
 * Coinbase Exchange on the connector: `level2` brings a snapshot on subscribe; `l2update`
 * carries no sequence (the per-product `sequence` is on matches/ticker only), so the book
 * trusts the feed order and a resync is the re-subscribe the stale watchdog does.
 */
export function coinbaseProtocol(options: ProtocolOptions = {}): ConnectorProtocol {
  return new SpecConnectorProtocol({
    spec: coinbaseSpec,
    createParser: () => new CoinbaseParser(),
    options,
    book: { snapshotSource: 'ws', continuity: 'none' },
  });
}
