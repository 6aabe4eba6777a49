import { applicationDecider, toApplicationView, type AddCaseNote, type ApplicationEvent } from '@app/domain';
import type { CaseNoteAdded } from '@app/domain';
import { applicationSpec, approved, foldStored, readyForDecision, withdrawn } from '@app/testing';

const addNote = (data: Partial<AddCaseNote['data']> = {}): AddCaseNote => ({
  type: 'AddCaseNote',
  data: {
    noteId: 'note-1',
    text: 'Called the applicant.\nCSQ confirmed.',
    addedAt: '2024-05-21T14:00:00Z',
    officerId: 'officer-7',
    ...data,
  },
});
const noteAdded = (data: Partial<CaseNoteAdded['data']> = {}): CaseNoteAdded => ({
  type: 'CaseNoteAdded',
  data: {
    noteId: 'note-1',
    text: 'Called the applicant.\nCSQ confirmed.',
    corrects: null,
    addedAt: '2024-05-21T14:00:00Z',
    officerId: 'officer-7',
    ...data,
  },
});

describe('H1 case notes: free text by an officer, at any time, never edited', () => {
  it('adds a multiline note with who and when', () => {
    applicationSpec.given(readyForDecision()).when(addNote()).then([noteAdded()]);
  });

  it('adds notes after a decision and on a closed case too', () => {
    applicationSpec
      .given([...readyForDecision(), approved()])
      .when(addNote({ addedAt: '2024-06-04T10:00:00Z' }))
      .then([noteAdded({ addedAt: '2024-06-04T10:00:00Z' })]);
    applicationSpec
      .given([...readyForDecision(), withdrawn()])
      .when(addNote({ addedAt: '2024-06-04T10:00:00Z' }))
      .then([noteAdded({ addedAt: '2024-06-04T10:00:00Z' })]);
  });

  it('corrects a note by a new note naming it; an unknown note cannot be corrected', () => {
    applicationSpec
      .given([...readyForDecision(), noteAdded()])
      .when(addNote({ noteId: 'note-2', text: 'CSQ not yet confirmed.', corrects: 'note-1' }))
      .then([noteAdded({ noteId: 'note-2', text: 'CSQ not yet confirmed.', corrects: 'note-1' })]);
    applicationSpec
      .given(readyForDecision())
      .when(addNote({ noteId: 'note-2', corrects: 'note-1' }))
      .thenThrows('H1_CORRECTED_NOTE_NOT_FOUND', 'rule');
  });

  it('refuses an empty note, a note id used twice, a note before receipt and a note on no case', () => {
    applicationSpec
      .given(readyForDecision())
      .when(addNote({ text: ' \n ' }))
      .thenThrows('H1_NOTE_TEXT_REQUIRED');
    applicationSpec
      .given([...readyForDecision(), noteAdded()])
      .when(addNote({ text: 'again' }))
      .thenThrows('H1_NOTE_ALREADY_ADDED', 'conflict');
    applicationSpec
      .given(readyForDecision())
      .when(addNote({ addedAt: '2020-01-01T00:00:00Z' }))
      .thenThrows('T1_BEFORE_RECEIPT');
    applicationSpec.given([]).when(addNote()).thenThrows('APPLICATION_NOT_FOUND');
  });

  it('lists the notes in the view, oldest first, the correction naming the note it corrects', () => {
    const events: ApplicationEvent[] = [
      ...readyForDecision(),
      noteAdded(),
      noteAdded({ noteId: 'note-2', text: 'Wrong call.', corrects: 'note-1', addedAt: '2024-05-22T09:00:00Z' }),
    ];
    const view = toApplicationView(foldStored(applicationDecider, events), events.length - 1);
    expect(view?.notes).toEqual([
      {
        id: 'note-1',
        text: 'Called the applicant.\nCSQ confirmed.',
        corrects: null,
        addedAt: '2024-05-21T14:00:00Z',
        officerId: 'officer-7',
      },
      {
        id: 'note-2',
        text: 'Wrong call.',
        corrects: 'note-1',
        addedAt: '2024-05-22T09:00:00Z',
        officerId: 'officer-7',
      },
    ]);
    expect(toApplicationView(foldStored(applicationDecider, readyForDecision()), 3)?.notes).toEqual([]);
  });
});
