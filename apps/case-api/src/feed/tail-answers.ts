import { sharedPage, type SharedPage } from './feed-page';
import type { TailWindow } from './tail-window';
import type { PageKey } from './waiting-polls';

/** Full pages kept (the oldest is dropped first): the cursors that followers catching up share. */
const MAX_FULL_ANSWERS = 64;

/** The pages the shared feed tail built, by cursor, limit and notes shown: a page is serialised once, whoever asks. */
export class TailAnswers {
  /** Pages that are not full, built since the tail last moved. */
  private answers = new Map<string, SharedPage>();
  /**
   * Full pages, which no later event changes: kept while the tail moves, for the followers who
   * come back one by one at the cursor the previous page gave them.
   */
  private fullAnswers = new Map<string, SharedPage>();

  /** The page for `key` in `window` as it is now, built once until the tail moves. */
  answerFor(window: TailWindow, key: PageKey): SharedPage {
    const id = `${key.after}/${key.limit}/${key.seesNotes}`;
    const known = this.fullAnswers.get(id) ?? this.answers.get(id);
    if (known) return known;
    const { items, upTo } = window.after(key.after, key.seesNotes, key.limit);
    const answer = sharedPage(items, upTo);
    if (answer.count < key.limit) this.answers.set(id, answer);
    else {
      if (this.fullAnswers.size >= MAX_FULL_ANSWERS) this.fullAnswers.delete(this.fullAnswers.keys().next().value!);
      this.fullAnswers.set(id, answer);
    }
    return answer;
  }

  /** The tail moved: pages that were not full are built again; full ones too when the window dropped its oldest items. */
  tailMoved(droppedOldest: boolean): void {
    this.answers.clear();
    if (droppedOldest) this.fullAnswers.clear();
  }

  clear(): void {
    this.tailMoved(true);
  }
}
