import type { RecordedEvent } from '@app/event-store';
import { timelineEntry } from './event-summary';

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  streamName: 'application-a-1',
  revision: 4,
  position: 9,
  eventId: 'e-1',
  type,
  data,
  metadata: { actor: { id: 'officer-7', role: 'officer' }, recordedAt: '2024-12-11T15:00:00Z' },
  recordedAt: '2024-12-11T15:00:00Z',
});

describe('the timeline lines of H1 notes and H4 corrections', () => {
  it('H1: shows a note’s free text as the why, masking the case’s personal values it quotes', () => {
    const note = recorded('CaseNoteAdded', {
      noteId: 'n-2',
      text: 'Tremblay called back.',
      corrects: 'n-1',
      addedAt: '2024-12-11T15:00:00Z',
      officerId: 'officer-7',
    });
    expect(timelineEntry(note, ['Tremblay'])).toMatchObject({
      what: 'Note n-2 added by officer-7, correcting note n-1',
      why: 'H1: [redacted] called back.',
    });
  });

  it('H4: names the field and the reason, never the previous or the corrected value', () => {
    const correction = recorded('ApplicantDetailsCorrected', {
      field: 'familyName',
      previous: 'Tremblay',
      value: 'Tremblay-Roy',
      reason: 'Hyphenated name cut at intake.',
      correctedAt: '2024-12-11T15:00:00Z',
      officerId: 'officer-7',
      screening: [{ rule: 'E2', outcome: 'failed', detail: 'resides in Quebec' }],
      feesOwed: {},
      biometrics: { required: true, exemption: null },
    });
    const entry = timelineEntry(correction);
    expect(entry).toMatchObject({
      what: 'familyName corrected by officer-7',
      why: 'H4: Hyphenated name cut at intake. (screened again: failed E2)',
    });
    expect(JSON.stringify(entry)).not.toContain('Tremblay');
  });
});
