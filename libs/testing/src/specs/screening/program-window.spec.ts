import { findingOf, received } from '@app/testing';

const letter = (issuedOn: string, receivedOn: string) => ({ invitationLetter: { number: 'MIFI-A76-2025-0001', issuedOn, receivedOn } });

describe('P1 program window: letters dated on or before 2025-01-15', () => {
  it('passes a letter dated 2025-01-15', () => {
    const event = received(letter('2025-01-15', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' });
    expect(findingOf('P1', event).outcome).toBe('passed');
  });

  it('fails a letter dated 2025-01-16', () => {
    const event = received(letter('2025-01-16', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' });
    expect(findingOf('P1', event)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('2025-01-16') });
  });

  it('fails a letter dated before the program opened on 2022-05-24', () => {
    const event = received(letter('2022-05-20', '2022-05-25'), { receivedAt: '2022-06-01T15:00:00Z' });
    expect(findingOf('P1', event).outcome).toBe('failed');
  });

  it('fails without any letter', () => {
    expect(findingOf('P1', received({ invitationLetter: undefined })).outcome).toBe('failed');
  });
});

describe('P2 submitted within 90 days after the letter was received', () => {
  it('is in time on day 90', () => {
    const event = received(letter('2024-01-30', '2024-02-02'));
    expect(findingOf('P2', event)).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('day 90') });
  });

  it('is late on day 91', () => {
    const event = received(letter('2024-01-30', '2024-02-01'));
    expect(findingOf('P2', event)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('day 91') });
  });

  it('counts the receipt day in Eastern time (T1): 23:30 Eastern on day 90 is in time', () => {
    const event = received(letter('2024-01-30', '2024-02-02'), { receivedAt: '2024-05-03T03:30:00Z' });
    expect(findingOf('P2', event).outcome).toBe('passed');
  });

  it('fails an application received before its letter', () => {
    const event = received(letter('2024-05-01', '2024-05-10'));
    expect(findingOf('P2', event).outcome).toBe('failed');
  });

  it('keeps receiving and processing after the window closed (cases in the system continue)', () => {
    const event = received(letter('2025-01-10', '2025-01-12'), { receivedAt: '2025-04-12T15:00:00Z' });
    expect(event.type).toBe('ApplicationReceived');
    expect(findingOf('P2', event).outcome).toBe('passed');
  });
});

describe('E6 holds the MIFI invitation letter for A76', () => {
  it('passes with a letter dated 2025-01-15', () => {
    expect(findingOf('E6', received(letter('2025-01-15', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' })).outcome).toBe('passed');
  });

  it('fails with a letter dated 2025-01-16', () => {
    expect(findingOf('E6', received(letter('2025-01-16', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' })).outcome).toBe('failed');
  });

  it('fails without a letter', () => {
    expect(findingOf('E6', received({ invitationLetter: undefined }))).toMatchObject({ outcome: 'failed', detail: 'no MIFI invitation letter' });
  });
});
