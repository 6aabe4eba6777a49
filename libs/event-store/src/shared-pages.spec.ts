import type { RecordedEvent } from './event-store.port';
import { SharedPages } from './shared-pages';

const event = (position: number): RecordedEvent => ({
  streamName: 's-1',
  revision: position - 1,
  position,
  eventId: `e-${position}`,
  type: 'Happened',
  data: {},
  metadata: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
});
const page = (after: number, size: number) => Array.from({ length: size }, (_, index) => event(after + index + 1));

describe('SharedPages', () => {
  it('reads a full page once for every subscription that asks for it', () => {
    const pages = new SharedPages();
    const load = jest.fn(() => page(0, 3));
    const first = pages.read(0, 3, load);
    expect(pages.read(0, 3, load)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never keeps a short page: the tail of the log grows', () => {
    const pages = new SharedPages();
    const load = jest.fn().mockReturnValueOnce(page(0, 2)).mockReturnValueOnce(page(0, 3));
    expect(pages.read(0, 3, load)).toHaveLength(2);
    expect(pages.read(0, 3, load)).toHaveLength(3);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps only the most recent pages', () => {
    const pages = new SharedPages(2);
    for (const after of [0, 3, 6]) pages.read(after, 3, () => page(after, 3));
    const load = jest.fn(() => page(0, 3));
    pages.read(0, 3, load);
    pages.read(6, 3, load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not mix pages of different sizes', () => {
    const pages = new SharedPages();
    pages.read(0, 3, () => page(0, 3));
    expect(pages.read(0, 2, () => page(0, 2))).toHaveLength(2);
  });

  it('drops its pages once a reader reaches the tail, so a caught-up service holds none', () => {
    const pages = new SharedPages();
    pages.read(0, 3, () => page(0, 3));
    pages.read(3, 3, () => page(3, 1));
    const load = jest.fn(() => page(0, 3));
    pages.read(0, 3, load);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
