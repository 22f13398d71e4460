/**
 * URL overrides: an override that is a bare origin keeps the spec endpoint's path and query,
 * so `ws://127.0.0.1:4000` becomes `ws://127.0.0.1:4000/stream` for Binance.
 */
export function overrideUrl(specUrl: string, override: string | undefined): string {
  if (!override) return specUrl;
  const o = new URL(override);
  if (o.pathname !== '/' || o.search !== '') return override;
  const s = new URL(specUrl);
  return `${o.origin}${s.pathname === '/' ? '' : s.pathname}${s.search}`;
}

/** Fills a REST template (`{symbol}`, `{depth}`) and points it at the override origin. */
export function restUrl(
  template: string,
  override: string | undefined,
  nativeSymbol: string,
  depth: number,
): string {
  // The template's placeholders are not URL-safe as they are: fill them before parsing.
  const filled = template
    .replace('{symbol}', encodeURIComponent(nativeSymbol))
    .replace('{depth}', String(depth));
  return overrideUrl(filled, override);
}
