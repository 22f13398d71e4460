const KEY = '"checksum":';

/**
 * The exchange checksum carried by a book frame (OKX `"checksum":-123`, Kraken
 * `"checksum":123`). The generated parsers verify checksums of delivered snapshots but do not
 * expose the value, and the connector needs it for EVERY delta (it checks the book it
 * maintains), so this is a tiny targeted scan of the raw text rather than a second JSON parse.
 * Returns undefined when the frame has no integer checksum.
 */
export function frameChecksum(text: string): number | undefined {
  const at = text.indexOf(KEY);
  if (at < 0) return undefined;
  let i = at + KEY.length;
  while (text.charCodeAt(i) === 32) i++;
  const start = i;
  if (text[i] === '-') i++;
  const digitsFrom = i;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === digitsFrom || i - digitsFrom > 10) return undefined;
  return Number(text.slice(start, i));
}
