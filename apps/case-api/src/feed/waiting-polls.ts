import type { FeedPoll } from './change-feed';
import type { SharedPage } from './feed-page';

/** Which page a poll asks for: polls with the same key get the same answer, built once. */
export type PageKey = Readonly<{ after: number; limit: number; seesNotes: boolean }>;

/** What a group of polls gets: an answer, undefined (the store answers instead), or null (it waits on). */
export type Settlement = SharedPage | undefined | null;

type Poll = Readonly<{ signal: AbortSignal; settle: (answer: SharedPage | undefined) => void }>;
type Group = Readonly<{ key: PageKey; polls: Set<Poll> }>;

/**
 * The long polls waiting on the shared feed tail, grouped by the page they ask for, so that a
 * group is answered at once with one page. A poll also ends on its own when its wait runs out or
 * its signal aborts (the server shutting down), with the page as the tail has it then.
 */
export class WaitingPolls {
  private readonly groups = new Map<string, Group>();
  private readonly watched = new WeakSet<AbortSignal>();

  /** `current` is the page for a key as the tail has it now. */
  constructor(private readonly current: (key: PageKey) => SharedPage) {}

  /** The groups of polls waiting now. */
  get size(): number {
    return this.groups.size;
  }

  wait(key: PageKey, poll: FeedPoll): Promise<SharedPage | undefined> {
    const id = `${key.after}/${key.limit}/${key.seesNotes}`;
    let group = this.groups.get(id);
    if (!group) this.groups.set(id, (group = { key, polls: new Set() }));
    const joined = group;
    return new Promise((resolve) => {
      const entry: Poll = {
        signal: poll.signal,
        settle: (answer) => {
          clearTimeout(timer);
          joined.polls.delete(entry);
          if (joined.polls.size === 0 && this.groups.get(id) === joined) this.groups.delete(id);
          resolve(answer);
        },
      };
      const timer = setTimeout(() => entry.settle(this.current(key)), poll.waitMs);
      joined.polls.add(entry);
      this.watch(poll.signal);
    });
  }

  /** Answers each group for which `settlementOf` gives an answer or undefined; a group given null waits on. */
  settle(settlementOf: (key: PageKey) => Settlement): void {
    for (const [id, group] of [...this.groups]) {
      const settlement = settlementOf(group.key);
      if (settlement === null) continue;
      this.groups.delete(id);
      for (const poll of [...group.polls]) poll.settle(settlement);
    }
  }

  /** One listener per signal (every poll of the service shares the shutdown signal), not one per poll. */
  private watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return;
    this.watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        for (const group of [...this.groups.values()])
          for (const poll of [...group.polls]) if (poll.signal === signal) poll.settle(this.current(group.key));
      },
      { once: true },
    );
  }
}
