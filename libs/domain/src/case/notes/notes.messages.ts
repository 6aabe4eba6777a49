import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';

/** H1: an officer adds a free-text note to a case; `corrects` names an earlier note it corrects. */
export type AddCaseNote = Command<
  'AddCaseNote',
  {
    noteId: string;
    text: string;
    corrects?: string | null;
    addedAt: Instant;
    officerId: string;
  }
>;

/** H1: a note on the case (who, when); never edited: a correction is a later note naming it. */
export type CaseNoteAdded = Event<
  'CaseNoteAdded',
  {
    noteId: string;
    text: string;
    corrects: string | null;
    addedAt: Instant;
    officerId: string;
  }
>;

/** The commands of this use case. */
export type NotesCommand = AddCaseNote;
/** The events its commands decide. */
export type NotesEvent = CaseNoteAdded;
