import { EXCHANGE_DEFINITIONS, type ExchangeSpec } from '@feedgate/exchanges';
import { EmulatorError } from '../emulator.error';

/** The libs/exchanges spec of an exchange: the emulator speaks what the connectors parse. */
export function exchangeSpec(id: string): ExchangeSpec {
  const def = EXCHANGE_DEFINITIONS.get(id);
  if (!def) throw new EmulatorError('EMULATOR_UNKNOWN_EXCHANGE', `no exchange spec for ${id}`);
  return def.spec;
}
