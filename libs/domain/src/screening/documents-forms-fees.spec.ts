import { F3_JOB_TITLE, screenApplication } from '@app/domain';
import { findingOf, inCanadaSubmission, RECEIVED_AT, received, receivedAs, submission } from '@app/testing';

describe('D1 CSQ, invitation letter and intent documents', () => {
  it('passes with all three', () => {
    expect(findingOf('D1', received()).outcome).toBe('passed');
  });

  it('fails and names what is missing', () => {
    expect(findingOf('D1', received({ documents: ['csq'] }))).toMatchObject({
      outcome: 'failed',
      detail: 'missing invitation-letter, intent-to-reside',
    });
  });
});

describe('D2 proof of a PR application filed under a Quebec economic stream', () => {
  const pr = {
    prApplication: {
      number: 'E0012',
      submittedOn: '2024-03-15',
      aorReceivedOn: '2024-04-10',
      status: 'in-progress' as const,
    },
  };

  it('does not apply without a PR application', () => {
    expect(findingOf('D2', received()).outcome).toBe('not-applicable');
  });

  it.each(['pr-submission-confirmation', 'pr-aor', 'pr-approval-in-principle'])('passes with %s', (document) => {
    expect(
      findingOf('D2', received({ ...pr, documents: ['csq', 'invitation-letter', 'intent-to-reside', document] }))
        .outcome,
    ).toBe('passed');
  });

  it('fails without any proof', () => {
    expect(findingOf('D2', received(pr)).outcome).toBe('failed');
  });
});

describe('D3 in-Canada applicants prove residence outside Quebec', () => {
  it('does not apply outside Canada', () => {
    expect(findingOf('D3', received()).outcome).toBe('not-applicable');
  });

  it.each(['proof-of-residence', 'lease', 'cra-notice-of-assessment'])('passes with %s', (document) => {
    expect(findingOf('D3', receivedAs(inCanadaSubmission({ documents: [document] }))).outcome).toBe('passed');
  });

  it('fails without proof', () => {
    expect(findingOf('D3', receivedAs(inCanadaSubmission({ documents: ['csq'] }))).outcome).toBe('failed');
  });
});

describe('F1 IMM 1295 from outside Canada, routed to a migration office', () => {
  it('passes IMM 1295 from abroad and routes it to the migration office', () => {
    const event = received();
    expect(findingOf('F1', event).outcome).toBe('passed');
    expect(event.data.routing).toBe('migration-office');
  });

  it('fails IMM 5710 from abroad', () => {
    expect(findingOf('F1', received({ form: 'IMM5710' })).outcome).toBe('failed');
  });
});

describe('F2 IMM 5710 in Canada outside Quebec, routed to the Centralized Network', () => {
  it('passes IMM 5710 from Ontario and routes it to the Centralized Network', () => {
    const event = receivedAs(inCanadaSubmission());
    expect(findingOf('F2', event).outcome).toBe('passed');
    expect(event.data.routing).toBe('centralized-network');
  });

  it('fails IMM 1295 from inside Canada', () => {
    expect(findingOf('F2', receivedAs(inCanadaSubmission({ form: 'IMM1295' }))).outcome).toBe('failed');
  });
});

describe('F3 job title and duties of the A76 form', () => {
  it('passes the instructed wording, whatever the dash or case', () => {
    expect(findingOf('F3', received({ jobTitle: 'csq holder outside Quebec - OWP' })).outcome).toBe('passed');
  });

  it('fails another job title', () => {
    expect(findingOf('F3', received({ jobTitle: 'Software developer' })).outcome).toBe('failed');
  });

  it('fails missing duties', () => {
    expect(findingOf('F3', received({ dutiesDescription: undefined }))).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('duties'),
    });
    expect(F3_JOB_TITLE).toBe('CSQ holder outside Quebec – OWP');
  });
});

describe('$1 processing, open work permit holder and biometric fees', () => {
  it('passes 155 + 100 + 85', () => {
    expect(findingOf('$1', received()).outcome).toBe('passed');
  });

  it('fails a missing biometric fee', () => {
    expect(findingOf('$1', received({ fees: { biometrics: 0 } }))).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('missing biometrics 85'),
    });
  });

  it('owes no biometric fee from an exempt applicant (B3)', () => {
    expect(
      findingOf('$1', received({ applicant: { biometricsGivenOn: '2020-01-10' }, fees: { biometrics: 0 } })).outcome,
    ).toBe('passed');
  });
});

describe('$2 restoration fee by date', () => {
  const restoring = (receivedAt: string, restoration: number) =>
    screenApplication(
      inCanadaSubmission({ inCanadaStatus: { kind: 'restoration', validTo: '2024-10-15' }, fees: { restoration } }),
      receivedAt,
    );

  it('does not apply when not restoring', () => {
    expect(findingOf('$2', received()).outcome).toBe('not-applicable');
  });

  it('asks 229 until 2024-11-30', () => {
    expect(restoring('2024-11-30T16:00:00Z', 229).find((f) => f.rule === '$2')?.outcome).toBe('passed');
  });

  it('asks 239.75 from 2024-12-01', () => {
    expect(restoring('2024-12-01T16:00:00Z', 229).find((f) => f.rule === '$2')?.outcome).toBe('failed');
    expect(restoring('2024-12-01T16:00:00Z', 239.75).find((f) => f.rule === '$2')?.outcome).toBe('passed');
  });
});

describe('$3 an application without its fees is incomplete, received and counted', () => {
  it('flags an unpaid application as incomplete but receives and counts it (C2)', () => {
    const event = received({ fees: { processing: 0, openWorkPermitHolder: 0, biometrics: 0 } });
    expect(findingOf('$3', event)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('incomplete') });
    expect(event.data.countsAgainstCap).toBe(true);
  });

  it('passes a complete application', () => {
    expect(screenApplication(submission(), RECEIVED_AT).find((f) => f.rule === '$3')?.outcome).toBe('passed');
  });
});
