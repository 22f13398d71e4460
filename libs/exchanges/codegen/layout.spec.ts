import { describe, expect, it } from 'vitest';
import { parseLayout, topKeys } from './layout';

describe('parseLayout type hints', () => {
  it('reads `"` and `#` after a key as string / bare-token hints, not as part of the key', () => {
    const keys = parseLayout('e=trade,E#,s",arg{channel,instId"},m');
    expect(keys.map((k) => k.key)).toEqual(['e', 'E', 's', 'arg', 'm']);
    expect(keys.map((k) => k.type)).toEqual([undefined, 'number', 'string', undefined, undefined]);
    expect(keys[0].value).toBe('trade');
    expect(keys[3].sub?.map((k) => [k.key, k.type])).toEqual([
      ['channel', undefined],
      ['instId', 'string'],
    ]);
  });

  it('leaves hints out of the key order the key-by-key scanner uses', () => {
    expect(topKeys('e=trade,E#,s",t#')).toBe('e,E,s,t');
  });
});
