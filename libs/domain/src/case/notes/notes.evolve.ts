import type { Evolvers } from '../registries';
import type { NotesEvent } from './notes.messages';

/** H1: the case's notes in the order they were added. */
export const notesEvolvers: Evolvers<NotesEvent> = {
  CaseNoteAdded: (current, { data: { noteId, text, corrects, addedAt, officerId } }) => ({
    ...current,
    notes: [...(current.notes ?? []), { id: noteId, text, corrects, addedAt, officerId }],
  }),
};
