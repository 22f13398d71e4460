/**
 * Normalized → native symbol for the exchanges with a connector protocol (the specs only
 * map native → normalized). Returns undefined for an exchange it does not know.
 */
export function nativeSymbol(exchange: string, symbol: string): string | undefined {
  switch (exchange) {
    case 'binance':
    case 'binance-futures':
    case 'bybit':
      return symbol
        .replace(/-PERP$/, '')
        .split('-')
        .join('');
    case 'coinbase':
      return symbol;
    case 'kraken': {
      const [base, quote] = symbol.split('-');
      return `${base}/${quote}`;
    }
    case 'okx':
      return symbol.endsWith('-PERP') ? `${symbol.slice(0, -5)}-SWAP` : symbol;
    default:
      return undefined;
  }
}
