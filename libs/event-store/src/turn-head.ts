/**
 * The log's last position as read once in a turn of the event loop, shared by the subscriptions
 * that read their pages in that turn (a service runs about ten of them, woken by the same append).
 * A head read a few microseconds earlier in the same turn is as current as one read now for
 * another process's commits (they land at any moment, and a later page sees them); this process's
 * own commits make it read again (`forget`), so a page never misses an event committed here.
 */
export class TurnHead {
  private head: number | null = null;
  private readonly expire = () => {
    this.head = null;
  };

  constructor(private readonly read: () => number) {}

  current(): number {
    if (this.head === null) {
      this.head = this.read();
      setImmediate(this.expire);
    }
    return this.head;
  }

  /** After this process's commit: the next page reads the head again. */
  forget(): void {
    this.head = null;
  }
}
