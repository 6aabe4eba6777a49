import { ProblemError, RequestValidationError } from '../problem/problem';
import { parseJsonBody } from './json-body.parser';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

function refusal(raw: Buffer): unknown {
  try {
    parseJsonBody(raw);
  } catch (error) {
    return error;
  }
  throw new Error('expected the body to be refused');
}

describe('parseJsonBody', () => {
  it('reads an object, a byte-order mark aside, and an empty body as no body', () => {
    expect(parseJsonBody(bytes('{"reason":"Changed plans."}'))).toEqual({ reason: 'Changed plans.' });
    expect(parseJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('{}')]))).toEqual({});
    expect(parseJsonBody(Buffer.alloc(0))).toBeUndefined();
  });

  it('keeps __proto__ as an own member of the parsed body, then refuses it', () => {
    const error = refusal(bytes('{"__proto__":{"polluted":true}}'));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).errors).toEqual([
      { field: '__proto__', message: 'property __proto__ should not exist' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([['null'], ['[]'], ['"text"'], ['7'], ['true']])('refuses %s: a body must be an object', (text) => {
    expect(refusal(bytes(text))).toMatchObject({
      errors: [{ field: '', message: 'the request body must be a JSON object' }],
    });
  });

  it('refuses bytes that are not UTF-8 and text that is not JSON, without repeating either', () => {
    const notUtf8 = refusal(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]));
    expect(notUtf8).toBeInstanceOf(ProblemError);
    expect((notUtf8 as ProblemError).problem).toMatchObject({
      status: 400,
      type: 'urn:impplus:problem:malformed-json',
      errors: [{ field: '', message: 'must be encoded as UTF-8' }],
    });
    const notJson = refusal(bytes('{"familyName": Tremblay}'));
    expect((notJson as ProblemError).problem.errors).toEqual([{ field: '', message: 'must be valid JSON (RFC 8259)' }]);
    expect(JSON.stringify((notJson as ProblemError).problem)).not.toContain('Tremblay');
  });

  it('refuses the faults the walk finds, each by its path', () => {
    const error = refusal(bytes('{"fees":{"processing":1e309},"applicant":{"familyName":"\\u001b[2J"}}'));
    expect((error as RequestValidationError).errors.map((fault) => fault.field)).toEqual([
      'fees.processing',
      'applicant.familyName',
    ]);
  });
});
