import { ManualClock } from '@app/application';
import { distinctPrincipal } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

/** T1: the example's letter is dated November 2024; a receipt at the turn of the year needs a letter received before it. */
const LETTER = { number: 'MIFI-A76-2023-1201', issuedOn: '2023-12-01', receivedOn: '2023-12-03' };

describe('C3 the cap year is the calendar year of receipt in Eastern time (SQLite store)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock: new ManualClock('2024-01-02T12:00:00Z') });
  });
  afterAll(async () => {
    await api.close();
  });

  it('C3 counts 23:30 Eastern on 31 December 2023 in 2023 and 00:00:01 Eastern on 1 January 2024 in 2024', async () => {
    const lastNight = await api.post(
      '/v1/applications',
      distinctPrincipal({ receivedAt: '2024-01-01T04:30:00Z', invitationLetter: LETTER }),
    );
    const newYear = await api.post(
      '/v1/applications',
      distinctPrincipal({ receivedAt: '2024-01-01T05:00:01Z', invitationLetter: LETTER }),
    );
    expect(lastNight.body.intake).toEqual({ year: 2023, number: 1, withinCap: true });
    expect(newYear.body.intake).toEqual({ year: 2024, number: 1, withinCap: true });
    for (const year of [2023, 2024]) {
      expect((await api.get(`/v1/intake/${year}`, { as: 'officer' })).body).toMatchObject({
        year,
        cap: 7350,
        counted: 1,
        withinCap: 1,
      });
    }
  });
});
