import { fail } from '../../errors/domain-error-codes';
import { requireInstantFrom, requireSubmitted } from '../guards';
import type { Deciders } from '../registries';
import type { ApplicationState } from '../state';
import type { AddCaseNote, CaseNoteAdded, NotesCommand } from './notes.messages';

/**
 * H1: a note may be added at any time once the case exists (also after a decision or its closing).
 * A note is never edited: a correction is a new note naming an existing note of the same case.
 */
export function decideAddCaseNote({ data }: AddCaseNote, state: ApplicationState): readonly CaseNoteAdded[] {
  const current = requireSubmitted(state);
  const addedAt = requireInstantFrom(data.addedAt, current.receivedAt, 'addedAt');
  const notes = current.notes ?? [];
  if (notes.some(({ id }) => id === data.noteId)) fail('H1_NOTE_ALREADY_ADDED', `Note ${data.noteId} already exists`);
  if (data.text.trim() === '') fail('H1_NOTE_TEXT_REQUIRED', 'A note has a text');
  const corrects = data.corrects ?? null;
  if (corrects !== null && !notes.some(({ id }) => id === corrects))
    fail('H1_CORRECTED_NOTE_NOT_FOUND', `No note ${corrects} on this case to correct`);
  const { noteId, text, officerId } = data;
  return [{ type: 'CaseNoteAdded', data: { noteId, text, corrects, addedAt, officerId } }];
}

/** The deciders of this use case, by command type. */
export const notesDeciders: Deciders<NotesCommand> = { AddCaseNote: decideAddCaseNote };
