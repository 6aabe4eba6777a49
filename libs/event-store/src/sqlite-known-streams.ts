import type Database from 'better-sqlite3';
import type { StreamName } from './event-store.port';
import type { OnceATurn } from './once-a-turn';

/** The filter's bits: 2^24 (2 MiB). With 7 hashes, ~0.1 % false positives at 1M streams, ~2 % at 2M. */
const FILTER_BITS = 1 << 24;
const HASHES = 7;
/** Stream names read per turn of the event loop while the filter is filled (~2 ms each on a 300k-event store). */
const SCAN_PAGE = 1000;
/** Events of other connections read per turn while the filter catches up with them. */
const CATCH_UP_PAGE = 2000;

/** `off`: closed, or the file failed while the filter read it; every read goes to the file. */
type State = 'empty' | 'filling' | 'ready' | 'off';

/**
 * Which streams may exist, for the SQLite store to answer a read of a new stream without asking
 * the file: a Bloom filter of every stream name in the log. "Absent" is certain, "may exist" sends
 * the read to the file as before. A submission opens a new stream, and under load that read of an
 * index leaf missed SQLite's page cache: ~40 µs of the event loop a submission, 9 % of the appends
 * figure's pipeline (profiles, 2026-12-06).
 *
 * The filter holds:
 * - the log's stream names, read once (in pages, one a turn, from the first read of a stream on:
 *   a store that never reads a stream never fills it); until then every read goes to the file;
 * - every stream this connection commits to (`exists`);
 * - every stream another connection committed to, read by position (a page a turn, reads going to
 *   the file meanwhile) once SQLite's data_version (read once a turn) shows such a commit: other
 *   processes appending to the file stay correct.
 * A commit of another process in the same turn may be missed by that turn's reads, as it may by a
 * read a moment earlier; an append decided on it fails on its expected revision, which marks the
 * stream, and is decided again on the stream as read.
 */
export class SqliteKnownStreams {
  private readonly bits = new Uint32Array(FILTER_BITS / 32);
  private state: State = 'empty';
  /** Every stream with an event at or below this position is in the filter (once ready). */
  private synced = 0;
  private seenVersion = 0;
  /** Another connection committed past `synced`: reads go to the file until the filter has read it. */
  private behind = false;
  private readonly pageAfter: Database.Statement<[string, number], string>;
  private readonly namesAfter: Database.Statement<[number, number], [string, number]>;
  private readonly head: Database.Statement<[], number | null>;

  constructor(
    db: Database.Database,
    private readonly dataVersion: OnceATurn<number>,
  ) {
    this.pageAfter = db
      .prepare<[string, number], string>(
        'SELECT DISTINCT stream_name FROM events WHERE stream_name > ? ORDER BY stream_name LIMIT ?',
      )
      .pluck();
    this.namesAfter = db
      .prepare<[number, number], [string, number]>(
        'SELECT stream_name, position FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw();
    this.head = db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck();
  }

  /** False only when the log certainly holds no event of `stream`. */
  mayExist(stream: StreamName): boolean {
    if (this.state !== 'ready') {
      if (this.state === 'empty') this.fill();
      return true;
    }
    const version = this.dataVersion.current();
    if (version !== this.seenVersion) {
      this.seenVersion = version;
      if (!this.behind) this.catchUp();
    }
    return this.behind || this.has(stream);
  }

  /** `stream` has events: this connection committed some, or an append found it there. */
  exists(stream: StreamName): void {
    this.add(stream);
  }

  /** Stops reading (the connection is closing). */
  close(): void {
    this.state = 'off';
  }

  /**
   * Reads the names in pages, one a turn. The data_version is taken before the head, so that any
   * commit of another connection after the head was read shows as a change and is read by position.
   */
  private fill(): void {
    this.state = 'filling';
    const start = this.reading(() => ({ version: this.dataVersion.current(), upTo: this.head.get() ?? 0 }));
    if (start === undefined) return;
    this.seenVersion = start.version;
    const page = (after: string) => {
      if (this.state !== 'filling') return;
      const names = this.reading(() => this.pageAfter.all(after, SCAN_PAGE));
      for (const name of names ?? []) this.add(name);
      if (names?.length === SCAN_PAGE) setImmediate(page, names[names.length - 1]);
      else if (names) {
        this.synced = start.upTo;
        this.state = 'ready';
      }
    };
    page('');
  }

  /** Reads the events past `synced` (this connection's among them), a page a turn, until none is left. */
  private catchUp(): void {
    this.behind = true;
    const page = () => {
      if (this.state !== 'ready') return;
      const events = this.reading(() => this.namesAfter.all(this.synced, CATCH_UP_PAGE));
      for (const [name, position] of events ?? []) {
        this.add(name);
        this.synced = position;
      }
      if (events?.length === CATCH_UP_PAGE) setImmediate(page);
      else if (events) this.behind = false;
    };
    page();
  }

  /** A read of the filter's own; undefined when the file fails to answer (then every read goes to the file, which says why). */
  private reading<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch {
      this.state = 'off';
      return undefined;
    }
  }

  private has(stream: string): boolean {
    const [first, step] = hashesOf(stream);
    for (let i = 0, bit = first; i < HASHES; i++, bit = (bit + step) & (FILTER_BITS - 1)) {
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  private add(stream: string): void {
    const [first, step] = hashesOf(stream);
    for (let i = 0, bit = first; i < HASHES; i++, bit = (bit + step) & (FILTER_BITS - 1)) {
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }
}

/** Two 32-bit hashes of the name (FNV-1a and djb2), for the filter's bits by double hashing; the step is odd. */
function hashesOf(text: string): [first: number, step: number] {
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ code, 0x01000193);
    djb = (Math.imul(djb, 33) + code) | 0;
  }
  return [(fnv >>> 0) & (FILTER_BITS - 1), (djb | 1) & (FILTER_BITS - 1)];
}
