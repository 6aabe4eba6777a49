/** The checks the fuzz suites apply to every answer, shown to fail on the answers they exist to catch. */
import { PERSONA } from './support/fuzz/persona';
import { violationsOf, type Exchange } from './support/fuzz/response-properties';

const PROBLEM = 'application/problem+json; charset=utf-8';

const answer = (status: number, body: unknown, overrides: Partial<Exchange> = {}): Exchange => ({
  method: 'POST',
  url: '/v1/applications',
  headers: {},
  payload: '{}',
  status,
  contentType: PROBLEM,
  text: typeof body === 'string' ? body : JSON.stringify(body),
  appended: [],
  ...overrides,
});

const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  type: 'urn:impplus:problem:x',
  title: 'T',
  status,
  detail: 'd',
  ...extra,
});

describe('the properties every fuzzed answer is held to', () => {
  it('let complete answers through', () => {
    expect(violationsOf(answer(201, { id: 'a' }, { contentType: 'application/json' }))).toEqual([]);
    expect(
      violationsOf(
        answer(400, problem(400, { errors: [{ field: 'applicant.familyName', message: 'must be a string' }] })),
      ),
    ).toEqual([]);
    expect(violationsOf(answer(422, problem(422, { code: 'I2_PASSPORT_EXPIRED' })))).toEqual([]);
    expect(violationsOf(answer(409, problem(409, { code: 'idempotency-key-reused' })))).toEqual([]);
    expect(violationsOf(answer(404, problem(404)))).toEqual([]);
  });

  it('refuse a server error', () => {
    expect(violationsOf(answer(500, problem(500)))).toEqual(['answered a server error to client input']);
  });

  it('refuse a 4xx that stored events', () => {
    expect(
      violationsOf(
        answer(400, problem(400, { errors: [{ field: 'a', message: 'm' }] }), { appended: ['ApplicationReceived'] }),
      ),
    ).toEqual(['stored 1 event(s) for a 400: ApplicationReceived']);
  });

  it('refuse a 4xx that is not a complete problem', () => {
    expect(
      violationsOf(answer(404, { error: 'Not Found', statusCode: 404 }, { contentType: 'application/json' })),
    ).toEqual([
      'Content-Type is "application/json", not application/problem+json',
      'no `type`',
      'no `title`',
      '`status` is undefined, not 404',
    ]);
    expect(violationsOf(answer(403, 'Forbidden'))).toEqual(['the body is not a JSON object']);
    expect(violationsOf(answer(412, problem(409)))).toEqual(['`status` is 409, not 412']);
  });

  it('refuse a 400 that names no field, and a 409 or 422 without a code', () => {
    expect(violationsOf(answer(400, problem(400)))).toEqual(['a 400 without `errors[]` naming the offending fields']);
    expect(violationsOf(answer(400, problem(400, { errors: [{ message: 'm' }] })))).toEqual([
      '1 entr(ies) of `errors` name no `field`: [{"message":"m"}]',
    ]);
    expect(violationsOf(answer(422, problem(422)))).toEqual(['no rule id or named `code` (got undefined)']);
    expect(violationsOf(answer(409, problem(409, { code: 'already decided' })))).toEqual([
      'no rule id or named `code` (got "already decided")',
    ]);
  });

  it('refuse an error body that repeats a planted personal value', () => {
    const echoed = problem(400, { errors: [{ field: `{"familyName":"${PERSONA.familyName}\\u202e"}`, message: 'm' }] });
    expect(violationsOf(answer(400, echoed))).toEqual([
      `the error body repeats personal values sent or stored: ${PERSONA.familyName}`,
    ]);
  });
});
