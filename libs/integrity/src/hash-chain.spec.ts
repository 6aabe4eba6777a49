import fc from 'fast-check';
import { canonicalJson } from '@app/kernel';
import { eventHash, eventHashOverDataText, sealedEventHash, verifyChain, type ChainedEvent } from './hash-chain';

function chain(count: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let previousHash: string | null = null;
  for (let revision = 0; revision < count; revision++) {
    const unsealed: ChainedEvent = {
      streamName: 'application-1',
      revision,
      type: 'Happened',
      data: { n: revision },
      metadata: { previousHash },
    };
    const hash = eventHash(unsealed);
    events.push({ ...unsealed, metadata: { previousHash, hash } });
    previousHash = hash;
  }
  return events;
}

describe('hash chain', () => {
  it('verifies an untouched stream', () => {
    expect(verifyChain(chain(4))).toEqual({ valid: true, checkedEvents: 4 });
  });

  it('names the first broken revision when data is edited', () => {
    const events = chain(4);
    events[2] = { ...events[2], data: { n: 99 } };
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenRevision: 2 });
  });

  it('detects edited metadata', () => {
    const events = chain(3);
    events[1] = { ...events[1], metadata: { ...events[1].metadata, actor: 'someone else' } };
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenRevision: 1 });
  });

  it('detects a deleted event', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenRevision: 1 });
  });

  it('detects two events swapped', () => {
    const events = chain(4);
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenRevision: 1 });
  });

  it('hashes an event exactly as every stored hash was computed, its own hash left out', () => {
    const event: ChainedEvent = {
      streamName: 'application-1',
      revision: 3,
      type: 'Happened',
      data: { n: 1, text: 'é"\n', list: [1, null, { b: 2, a: 1 }] },
      metadata: { previousHash: 'ab', actor: { role: 'intake', id: 'x' } },
    };
    const expected = 'b905652415b3c25376afe765f1f84faec59993ca056a3010e3e27287763e118e';

    expect(eventHash(event)).toBe(expected);
    expect(eventHash({ ...event, metadata: { ...event.metadata, hash: 'anything' } })).toBe(expected);
  });

  it('seals an event with the hash eventHash gives, and the canonical JSON of its data that it hashed', () => {
    const member = fc.oneof(fc.constant(undefined), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const json = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, member, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    const event = fc.record({
      streamName: fc.string(),
      revision: fc.nat(),
      type: fc.string(),
      data: json.filter((data) => data !== undefined),
      metadata: fc.dictionary(
        fc.string().filter((key) => key !== 'hash'),
        json,
      ),
    });
    fc.assert(
      fc.property(event, (unsealed) => {
        expect(sealedEventHash(unsealed)).toEqual({
          hash: eventHash(unsealed),
          dataJson: canonicalJson(unsealed.data),
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('hashes a stored event over its canonical data text exactly as over its parsed data, and over any other text not', () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const data = fc.dictionary(fc.string(), fc.oneof(member, fc.array(member), fc.dictionary(fc.string(), member)));
    const event = fc.record({
      streamName: fc.string(),
      revision: fc.nat(),
      type: fc.string(),
      data,
      metadata: fc.record({ previousHash: fc.oneof(fc.constant(null), fc.string()), hash: fc.string() }),
    });
    fc.assert(
      fc.property(event, (stored) => {
        expect(eventHashOverDataText(stored, canonicalJson(stored.data))).toBe(eventHash(stored));
      }),
      { numRuns: 500 },
    );
    const stored: ChainedEvent = {
      streamName: 's-1',
      revision: 0,
      type: 'Happened',
      data: { b: 1, a: 2 },
      metadata: {},
    };
    expect(eventHashOverDataText(stored, '{"b":1,"a":2}')).not.toBe(eventHash(stored));
  });

  it('refuses to seal an event that has a hash already, or no data', () => {
    const event: ChainedEvent = { streamName: 's-1', revision: 0, type: 'Happened', data: {}, metadata: {} };
    expect(() => sealedEventHash({ ...event, metadata: { hash: 'ab' } })).toThrow(TypeError);
    expect(() => sealedEventHash({ ...event, data: undefined })).toThrow(TypeError);
  });
});
