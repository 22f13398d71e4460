import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { DedupInvalidEventError } from './errors/dedup-invalid-event.error';
import { EventIdentity, type EventId } from './event-identity';
import { DedupEvents as E } from './testing/dedup-events';

const idOf = (e: Parameters<typeof EventIdentity.compute>[0]): string =>
  EventIdentity.format(EventIdentity.compute(e, { hi: 0, lo: 0 }));

describe('EventIdentity', () => {
  it('stores numeric trade ids exactly (distinct ids never collide)', () => {
    const out: EventId = { hi: 0, lo: 0 };
    EventIdentity.compute(E.trade('123456789012345'), out);
    const value = (out.hi & 0xfffff) * 2 ** 32 + (out.lo >>> 0);
    expect(value).toBe(123456789012345);
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) ids.add(idOf(E.trade(String(4_294_967_000 + i))));
    expect(ids.size).toBe(20_000);
  });

  it('separates trade ids from book seqs, snapshots from deltas, "7" from "007"', () => {
    const all = [
      idOf(E.trade('100')),
      idOf(E.book('100', [])),
      idOf(E.book('100', [], { snapshot: true })),
      idOf(E.trade('007')),
      idOf(E.trade('7')),
      idOf(E.trade('1234567890123456')), // 16 digits: hashed
      idOf(E.trade('1234567890123457')),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('hashes non-numeric ids deterministically', () => {
    const uuid = 'b1c2d3e4-0000-4000-8000-1234567890ab';
    expect(idOf(E.trade(uuid))).toBe(idOf(E.trade(uuid, { price: Decimal.parse('1') })));
    expect(idOf(E.trade(uuid))).not.toBe(idOf(E.trade(uuid.replace('ab', 'ac'))));
  });

  it('ignores price/amount for trades: same id = same event, different id = different event', () => {
    const a = E.trade('55', { price: Decimal.parse('100'), amount: Decimal.parse('1') });
    const b = E.trade('56', { price: Decimal.parse('100'), amount: Decimal.parse('1') });
    expect(idOf(a)).not.toBe(idOf(b));
    expect(idOf(a)).toBe(idOf(E.trade('55', { localTs: 9 })));
  });

  it('identifies seq-less book deltas by content (levels, ts, snapshot flag)', () => {
    const base = E.book(null, [
      ['100.5', '2'],
      ['100.4', '0'],
    ]);
    expect(idOf(base)).toBe(
      idOf(
        E.book(
          null,
          [
            ['100.5', '2'],
            ['100.4', '0'],
          ],
          { localTs: 1 },
        ),
      ),
    );
    expect(idOf(base)).not.toBe(
      idOf(
        E.book(null, [
          ['100.5', '2'],
          ['100.4', '1'],
        ]),
      ),
    );
    expect(idOf(base)).not.toBe(idOf(E.book(null, [['100.5', '2']])));
    expect(idOf(base)).not.toBe(
      idOf(
        E.book(
          null,
          [
            ['100.5', '2'],
            ['100.4', '0'],
          ],
          { ts: 1_700_000_000_000.5 },
        ),
      ),
    );
    expect(idOf(base)).not.toBe(
      idOf(
        E.book(
          null,
          [
            ['100.5', '2'],
            ['100.4', '0'],
          ],
          { snapshot: true },
        ),
      ),
    );
    // the same level as bid vs ask is a different update
    const asAsk = { ...base, bids: [], asks: base.bids };
    expect(idOf(base)).not.toBe(idOf(asAsk));
  });

  it('identifies BBO by exchange time and content', () => {
    const t = 1_700_000_000_123.25;
    expect(idOf(E.bbo(t, '10', '11'))).toBe(idOf(E.bbo(t, '10', '11', { localTs: 5 })));
    expect(idOf(E.bbo(t, '10', '11'))).not.toBe(idOf(E.bbo(t + 0.25, '10', '11')));
    expect(idOf(E.bbo(t, '10', '11'))).not.toBe(idOf(E.bbo(t, '10', '11.0')));
    expect(idOf(E.bbo(t, '10', '11'))).not.toBe(idOf(E.bbo(t, '10.1', '11')));
  });

  it('identifies status events by time and content', () => {
    expect(idOf(E.status(5, 'x'))).toBe(idOf(E.status(5, 'x')));
    expect(idOf(E.status(5, 'x'))).not.toBe(idOf(E.status(5, 'y')));
    expect(idOf(E.status(5, 'x'))).not.toBe(idOf(E.status(5, 'x', { gaps: [] })));
  });

  it('rejects an unknown event type with a typed error', () => {
    const bad = { ...E.trade('1'), type: 'nope' } as unknown as Parameters<typeof idOf>[0];
    expect(() => idOf(bad)).toThrow(DedupInvalidEventError);
  });
});
