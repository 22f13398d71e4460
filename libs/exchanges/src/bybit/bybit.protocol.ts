import type { ConnectorProtocol } from '@feedgate/connector';
import type { ParserOptions } from '../exchange-parser';
import type { ProtocolOptions } from '../protocol/protocol-options';
import { overrideUrl } from '../protocol/protocol-urls';
import { SpecConnectorProtocol } from '../protocol/spec-connector.protocol';
import { BybitParser } from './bybit.parser.generated';
import { bybitSpec } from './bybit.spec-def';

/**
 * Bybit v5 on the connector: WebSocket book snapshot, then deltas whose update id `u` must be
 * the previous one + 1. The endpoint path names the category (`/v5/public/linear`), which the
 * parser needs because the frames do not say it.
 */
export function bybitProtocol(options: ProtocolOptions = {}): ConnectorProtocol {
  const path = new URL(overrideUrl(bybitSpec.endpoints.ws, options.urls?.ws)).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  const category: ParserOptions['category'] =
    last === 'linear' || last === 'inverse' || last === 'option' ? last : 'spot';
  return new SpecConnectorProtocol({
    spec: bybitSpec,
    parser: new BybitParser({ category }),
    options,
    book: { snapshotSource: 'ws', continuity: 'sequential' },
  });
}
