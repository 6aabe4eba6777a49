// From its module, not @app/application's index: the feed tail's thread loads this file, and the index
// brings Nest, CQRS and rxjs (~670 modules, ~15 MB of the thread's memory) that it never runs.
import { readStreamOrEmpty } from '../../../../libs/application/src/pipeline/stream-loader';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { personalValuesIn, redactPersonalData } from '@app/personal-data';
import { feedItemOf } from './change-feed';
import type { FeedItem } from './feed-page';

/** Cases whose personal values the tail keeps (the least recently seen is dropped first). */
const MAX_CASES = 20_000;

/** The personal values of a case's events up to `revision`, in the order its events first carry them. */
type CaseValues = { revision: number; readonly values: Set<string> };

/**
 * The shared tail's redaction: as the audit routes redact a page of the log for a reader who does
 * not reveal personal data (`logPageFor`), every classified field masked and every personal value
 * of the case masked wherever its events quote it, but without reading each case's stream again
 * for every event. The tail sees every event of the log in order, so the values of a case it has
 * read once are kept up to date from the events that follow: the first event of a case it meets
 * (or one it no longer keeps) reads the stream as `logPageFor` does, unless it is the case's very
 * first event; each later event adds its own values, in the order the whole stream would give them
 * (`personalValuesOfCase`). Like the tail's redaction before it, this is the case as the tail has
 * seen it: an event stored after the page and not yet delivered adds its values to the next page.
 */
export class TailRedaction {
  private readonly cases = new Map<string, CaseValues>();

  constructor(private readonly store: EventStore) {}

  /** The events of application streams, in log order, as redacted feed items. */
  async itemsOf(page: readonly RecordedEvent[]): Promise<FeedItem[]> {
    const values = new Map<string, string[]>();
    for (const streamName of new Set(page.map((event) => event.streamName))) {
      const known = await this.valuesThrough(
        streamName,
        page.filter((event) => event.streamName === streamName),
      );
      values.set(streamName, [...known.values]);
    }
    return page.map((event) => feedItemOf(event, redactPersonalData(event.data, values.get(event.streamName))));
  }

  /** The case's values including those of `events` (its events of this page, in order). */
  private async valuesThrough(streamName: string, events: readonly RecordedEvent[]): Promise<CaseValues> {
    let known = this.cases.get(streamName);
    this.cases.delete(streamName);
    for (const event of events) {
      if (known && event.revision <= known.revision) continue;
      // A case met at its first event has no values before it: there is nothing to read.
      if (!known && event.revision === 0) known = { revision: -1, values: new Set() };
      if (known && event.revision === known.revision + 1) {
        for (const value of personalValuesIn([event.data])) known.values.add(value);
        known.revision = event.revision;
      } else known = await this.read(streamName);
    }
    known ??= await this.read(streamName);
    this.cases.set(streamName, known);
    if (this.cases.size > MAX_CASES) this.cases.delete(this.cases.keys().next().value!);
    return known;
  }

  /** The whole stream's values, as `personalValuesOfCase` gives them. */
  private async read(streamName: string): Promise<CaseValues> {
    const events = await readStreamOrEmpty(this.store, streamName);
    return {
      revision: events.at(-1)?.revision ?? -1,
      values: new Set(personalValuesIn(events.map((event) => event.data))),
    };
  }
}
