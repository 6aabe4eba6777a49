import { findingOf, inCanadaSubmission, ontario, quebec, received, receivedAs } from '@app/testing';

describe('E1 submitted online; paper only when exempt from online filing', () => {
  it('passes an online application', () => {
    expect(findingOf('E1', received()).outcome).toBe('passed');
  });

  it('passes a paper application from an exempt applicant', () => {
    expect(findingOf('E1', received({ channel: 'paper', exemptFromOnlineFiling: true })).outcome).toBe('passed');
  });

  it('fails a paper application from an applicant not exempt', () => {
    expect(findingOf('E1', received({ channel: 'paper' })).outcome).toBe('failed');
  });
});

describe('E2 residence outside Quebec', () => {
  it('passes an applicant residing outside Canada', () => {
    expect(findingOf('E2', received()).outcome).toBe('passed');
  });

  it('passes an applicant residing in Ontario', () => {
    expect(findingOf('E2', received({ residence: ontario })).outcome).toBe('passed');
  });

  it('fails an applicant residing in Quebec at receipt', () => {
    expect(findingOf('E2', received({ residence: quebec }))).toMatchObject({
      outcome: 'failed',
      detail: 'resides in Quebec at receipt',
    });
  });

  it('fails an in-Canada residence without a province', () => {
    expect(findingOf('E2', received({ residence: { country: 'CAN', province: undefined } })).outcome).toBe('failed');
  });
});

describe('E3 intends to work and reside in Quebec, with documents', () => {
  it('passes the declared intent with documents', () => {
    expect(findingOf('E3', received()).outcome).toBe('passed');
  });

  it('fails without the declared intent', () => {
    expect(findingOf('E3', received({ intendsToResideInQuebec: false })).outcome).toBe('failed');
  });

  it('fails a declared intent without documents showing it', () => {
    expect(findingOf('E3', received({ documents: ['csq', 'invitation-letter'] })).outcome).toBe('failed');
  });
});

describe('E4 a valid CSQ, or a PR application filed before the CSQ expired and still in progress', () => {
  const expiredCsq = { csq: { issuedOn: '2022-04-01' } };

  it('passes a CSQ issued 24 months ago or less, without a PR application', () => {
    expect(findingOf('E4', received({ csq: { issuedOn: '2022-05-02' } })).outcome).toBe('passed');
  });

  it('fails a CSQ expired without a PR application', () => {
    expect(findingOf('E4', received(expiredCsq))).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('expired on 2024-04-01'),
    });
  });

  it('passes an expired CSQ after a timely PR filing still in progress', () => {
    const event = received({
      ...expiredCsq,
      prApplication: { number: 'X0012', submittedOn: '2024-03-15', status: 'in-progress' },
    });
    expect(findingOf('E4', event).outcome).toBe('passed');
  });

  it('fails an expired CSQ when the PR application was filed after it expired', () => {
    const event = received({
      ...expiredCsq,
      prApplication: { number: 'X0012', submittedOn: '2024-04-15', status: 'in-progress' },
    });
    expect(findingOf('E4', event).outcome).toBe('failed');
  });

  it('fails when the PR application is no longer in progress', () => {
    const event = received({ prApplication: { number: 'X0012', submittedOn: '2024-03-15', status: 'approved' } });
    expect(findingOf('E4', event).outcome).toBe('failed');
  });

  it('fails without a CSQ', () => {
    expect(findingOf('E4', received({ csq: undefined })).outcome).toBe('failed');
  });
});

describe('E5 CSQ obtained as a skilled worker', () => {
  it.each(['regular-skilled-worker', 'pilot-ai-it-vfx'] as const)('passes a %s CSQ', (category) => {
    expect(findingOf('E5', received({ csq: { category } })).outcome).toBe('passed');
  });

  it('fails a CSQ from another category', () => {
    expect(findingOf('E5', received({ csq: { category: 'other' } })).outcome).toBe('failed');
  });
});

describe('E7 in-Canada applicants hold valid status or are eligible for restoration', () => {
  it('does not apply to an applicant outside Canada', () => {
    expect(findingOf('E7', received()).outcome).toBe('not-applicable');
  });

  it('passes a valid work permit holder in Ontario', () => {
    expect(findingOf('E7', receivedAs(inCanadaSubmission())).outcome).toBe('passed');
  });

  it('fails an expired status without restoration', () => {
    expect(findingOf('E7', receivedAs(inCanadaSubmission({ inCanadaStatus: { validTo: '2024-05-01' } }))).outcome).toBe(
      'failed',
    );
  });

  it('passes restoration asked within 90 days of losing status [INF]', () => {
    const event = receivedAs(inCanadaSubmission({ inCanadaStatus: { kind: 'restoration', validTo: '2024-03-01' } }));
    expect(findingOf('E7', event).outcome).toBe('passed');
  });

  it('fails restoration asked more than 90 days after losing status', () => {
    const event = receivedAs(inCanadaSubmission({ inCanadaStatus: { kind: 'restoration', validTo: '2024-01-01' } }));
    expect(findingOf('E7', event).outcome).toBe('failed');
  });

  it('fails an in-Canada applicant without any status', () => {
    expect(findingOf('E7', receivedAs(inCanadaSubmission({ inCanadaStatus: undefined }))).outcome).toBe('failed');
  });
});

describe('E8 port of entry, R206 holders and decided PR applications are not eligible', () => {
  it('passes an ordinary application', () => {
    expect(findingOf('E8', received()).outcome).toBe('passed');
  });

  it('fails an application at a port of entry, which is still received (screening never refuses)', () => {
    const event = received({ portOfEntry: true });
    expect(event.type).toBe('ApplicationReceived');
    expect(findingOf('E8', event)).toMatchObject({ outcome: 'failed', detail: 'applied at a port of entry' });
  });

  it('fails an R206 open work permit holder', () => {
    const event = receivedAs(
      inCanadaSubmission({ inCanadaStatus: { kind: 'r206-open-work-permit', validTo: '2025-01-31' } }),
    );
    expect(findingOf('E8', event)).toMatchObject({ outcome: 'failed', detail: 'holds an R206 open work permit' });
  });

  it.each(['approved', 'refused'] as const)('fails when the PR application was already %s', (status) => {
    const event = received({ prApplication: { number: 'X0012', submittedOn: '2024-03-15', status } });
    expect(findingOf('E8', event)).toMatchObject({ outcome: 'failed', detail: `PR application already ${status}` });
  });
});
