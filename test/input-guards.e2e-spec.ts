import { exampleSubmission, startTestApp, type TestApp, type TestRequest } from './support/test-app';
import { fieldsOf, refusedWithNothingStored } from './support/refusals';

/** The example submission with `familyName` set to a raw JSON string literal (escapes kept as sent). */
const withFamilyName = (literal: string): string =>
  JSON.stringify(exampleSubmission()).replace('"familyName":"Tremblay"', `"familyName":${literal}`);

/** Arrays nested `depth` levels under `documents`. */
const deepDocuments = (depth: number): string =>
  JSON.stringify(exampleSubmission()).replace(
    /"documents":\[[^\]]*\]/,
    `"documents":${'['.repeat(depth)}${']'.repeat(depth)}`,
  );

describe('input guards: the body is checked before anything reads it (issue 13)', () => {
  let api: TestApp;
  let id: string;
  beforeAll(async () => {
    api = await startTestApp();
    id = (await api.post('/v1/applications', exampleSubmission())).body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  const refused = (url: string, request: TestRequest, status: number) =>
    refusedWithNothingStored(api, url, request, status);

  describe('numbers JSON.parse cannot hold', () => {
    it.each([
      ['without', {}],
      ['with', { 'idempotency-key': 'huge-number-1' }],
    ])(
      'refuses 1e309 %s an Idempotency-Key with a 400 naming the field, and the key stays unused',
      async (_, headers) => {
        const rawBody = JSON.stringify(exampleSubmission()).replace('"processing":155', '"processing":1e309');
        const response = await refused('/v1/applications', { rawBody, headers }, 400);
        expect(fieldsOf(response)).toEqual(['fees.processing']);
        expect(response.text).not.toContain('Infinity');
        const retried = await api.request('POST', '/v1/applications', { body: exampleSubmission(), headers });
        expect(retried.status).toBe(201);
      },
    );
  });

  describe('nesting and width', () => {
    it('refuses arrays nested 10,000 deep with an Idempotency-Key as a 400 naming where, not a 500', async () => {
      const response = await refused(
        '/v1/applications',
        { rawBody: deepDocuments(10_000), headers: { 'idempotency-key': 'deep-1' } },
        400,
      );
      expect(fieldsOf(response)).toEqual([expect.stringMatching(/^documents(\[0\])+$/)]);
    });

    it('refuses an array with thousands of elements and an object with hundreds of members', async () => {
      const wide = await refused(
        '/v1/applications',
        { body: exampleSubmission({ documents: Array.from({ length: 5000 }, () => 'csq') }) },
        400,
      );
      expect(fieldsOf(wide)).toEqual(['documents']);
      const members = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`extra${index}`, 1]));
      const broad = await refused('/v1/applications', { body: exampleSubmission({ applicant: { ...members } }) }, 400);
      expect(fieldsOf(broad)).toEqual(['applicant']);
    });

    it('refuses a string far longer than any field takes, naming the field', async () => {
      const response = await refused(
        `/v1/applications/${id}/withdrawal`,
        { body: { reason: 'x'.repeat(100_000) } },
        400,
      );
      expect(fieldsOf(response)).toEqual(['reason']);
      expect(response.text).not.toContain('xxxxxxxxxx');
    });
  });

  describe('characters no field takes', () => {
    it.each([
      ['NUL', '"Trem\\u0000blay"'],
      ['ESC (an ANSI colour sequence)', '"\\u001b[31mTremblay"'],
      ['a C1 control', '"Trem\\u0085blay"'],
      ['a bidi override', '"\\u202eyalbmerT"'],
      ['a bidi isolate', '"\\u2066Tremblay"'],
      ['a lone surrogate', '"Trem\\ud800blay"'],
      ['a line break', '"Trem\\nblay"'],
      ['a tab', '"Trem\\tblay"'],
    ])('refuses %s in applicant.familyName with a 400 naming it, not its value', async (_, literal) => {
      const response = await refused(
        '/v1/applications',
        { rawBody: withFamilyName(literal), headers: { 'idempotency-key': `chars-${literal}` } },
        400,
      );
      expect(fieldsOf(response)).toEqual(['applicant.familyName']);
      expect(response.text).not.toContain('blay');
    });

    it('lets free text (notes) carry line breaks and tabs, but never NUL or ESC', async () => {
      const multiline = await api.post(
        `/v1/applications/${id}/approval`,
        { notes: 'Line one\r\n\tLine two' },
        { as: 'officer' },
      );
      expect(multiline.body.code).toBe('B5_BIOMETRICS_REQUIRED');
      const escaped = await refused(
        `/v1/applications/${id}/approval`,
        { as: 'officer', body: { notes: 'ok\u001b[2J' } },
        400,
      );
      expect(fieldsOf(escaped)).toEqual(['notes']);
    });
  });

  describe('unknown properties are judged by own keys', () => {
    it.each(['toString', 'hasOwnProperty', 'constructor', '__proto__', 'valueOf'])(
      'refuses %s as an unknown field',
      async (name) => {
        const response = await refused(
          `/v1/applications/${id}/withdrawal`,
          { rawBody: `{"reason":"moving on","${name}":{"polluted":true}}` },
          400,
        );
        expect(fieldsOf(response)).toEqual([name]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      },
    );

    it('names an unknown nested property by its path, and one whose name is not a field name by its parent only', async () => {
      const nested = await refused(
        '/v1/applications',
        { rawBody: withFamilyName('"Tremblay","hasOwnProperty":1') },
        400,
      );
      expect(fieldsOf(nested)).toEqual(['applicant.hasOwnProperty']);
      const odd = await refused(
        `/v1/applications/${id}/withdrawal`,
        { body: { 'Camille Tremblay 19AB12345': 1 } },
        400,
      );
      expect(fieldsOf(odd)).toEqual(['']);
      expect(odd.text).not.toContain('19AB12345');
    });
  });
});
