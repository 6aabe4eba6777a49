import { serialize } from 'node:v8';
import { applicationDecider, type ApplicationEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { caseStream } from '../../../application/src/testing/case-streams.fixture';
import { caseViewRow } from './case-view.batches';
import { oneByteJson } from './one-byte-json';

/** V8's serialisation writes a one-byte string a byte a character, a two-byte one two bytes a character. */
const heldAsOneByte = (text: string) => serialize(text).length < text.length + 16;
const WIDE = /[\u0100-\uffff]/;

describe('JSON text held one byte a character', () => {
  it('writes characters past U+00FF as escapes: the same value once parsed, held one byte a character', () => {
    const value = {
      job: 'CSQ holder outside Quebec – OWP',
      emoji: 'a😀b',
      quote: 'say "hi" \\ there',
      city: 'Montréal',
    };
    const json = JSON.stringify(value);
    expect(heldAsOneByte(json)).toBe(false);

    const text = oneByteJson(json);

    expect(text).toContain('Quebec \\u2013 OWP');
    expect(text).toContain('a\\ud83d\\ude00b');
    expect(text).toContain('Montréal');
    expect(WIDE.test(text)).toBe(false);
    expect(heldAsOneByte(text)).toBe(true);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('returns text without such a character as it is', () => {
    const json = JSON.stringify({ city: 'Montréal', count: 3 });
    expect(oneByteJson(json)).toBe(json);
  });

  it('escapes texts longer than its first buffer, and wide characters at either end', () => {
    const value = { text: `–${'x'.repeat(40_000)}–${'y'.repeat(40_000)}–` };
    const text = oneByteJson(JSON.stringify(value));
    expect(heldAsOneByte(text)).toBe(true);
    expect(JSON.parse(text)).toEqual(value);
    expect(oneByteJson('–')).toBe('\\u2013');
  });

  it("is how the case view stores a state whose submission and permit carry an en dash ('CSQ holders – A76')", () => {
    const events = caseStream('0d3f6c1e-1111-4222-8333-444455556666', 0, 6).map(
      (event, revision) =>
        ({
          ...event,
          revision,
          position: revision + 1,
          recordedAt: '2024-06-05T15:00:00.000Z',
        }) as unknown as RecordedEvent,
    );
    const state = events.reduce(
      (folded, event) => applicationDecider.evolve(folded, { type: event.type, data: event.data } as ApplicationEvent),
      applicationDecider.initialState(),
    );
    expect(WIDE.test(JSON.stringify(state))).toBe(true);

    const stored = caseViewRow('0d3f6c1e-1111-4222-8333-444455556666', {
      revision: 5,
      last: events[5],
      state,
    })[3] as string;

    expect(WIDE.test(stored)).toBe(false);
    expect(heldAsOneByte(stored)).toBe(true);
    expect(JSON.parse(stored)).toEqual(JSON.parse(JSON.stringify(state)));
  });
});
