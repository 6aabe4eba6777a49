import { ProblemError, RequestValidationError } from '../problem/problem';
import { pinnedRevision } from './if-match';

function thrown(header: string): unknown {
  try {
    pinnedRevision(header);
  } catch (error) {
    return error;
  }
  throw new Error(`expected If-Match ${header} to be refused`);
}

describe('pinnedRevision (If-Match, RFC 9110 strong comparison)', () => {
  it('pins the revision of a strong ETag, alone, among weak ones, or in a list with empty elements', () => {
    expect(pinnedRevision('"7"')).toBe(7);
    expect(pinnedRevision('"0"')).toBe(0);
    expect(pinnedRevision('W/"3", "7"')).toBe(7);
    expect(pinnedRevision(' , "7" ,')).toBe(7);
    expect(pinnedRevision(['W/"1"', '"7"'])).toBe(7);
  });

  it('pins nothing without the header or for *', () => {
    expect(pinnedRevision(undefined)).toBeUndefined();
    expect(pinnedRevision('*')).toBeUndefined();
    expect(pinnedRevision(' * ')).toBeUndefined();
  });

  it.each([['W/"7"'], ['W/"1", W/"2"'], ['"abc"'], ['"007"'], ['"a,b"'], ['"9999999999999999"']])(
    'answers %s 412 at once: it can never match an ETag of ours',
    (header) => {
      const error = thrown(header);
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).problem).toMatchObject({ status: 412, code: 'REVISION_MISMATCH' });
    },
  );

  it.each([['7'], ['"7'], ['W/'], ['w/"7"'], ['"a b"'], ['*, "7"'], ['"7" "8"'], [''], [' , ']])(
    'answers the malformed %p 400 naming If-Match',
    (header) => {
      const error = thrown(header);
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    },
  );

  it('refuses several strong tags with a 400: a command pins one revision', () => {
    expect((thrown('"1", "2"') as RequestValidationError).errors[0].message).toContain('one revision');
    expect(pinnedRevision('"2", "2"')).toBe(2);
  });
});
