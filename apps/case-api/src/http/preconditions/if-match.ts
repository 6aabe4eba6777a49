import { ProblemError, RequestValidationError, problemType, titleOf } from '../problem/problem';

/**
 * One element of an If-Match list (RFC 9110 §8.8.3, §5.6.1): an entity tag, strong or weak, or an
 * empty element, then a comma or the end. An opaque tag may itself hold commas, so the list is
 * read element by element, never split.
 */
const ELEMENT = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)/y;

/** Our ETags: `"<revision>"`, the revision in decimal without leading zeros. */
const REVISION_TAG = /^(?:0|[1-9][0-9]{0,14})$/;

const malformed = (message: string) => new RequestValidationError([{ field: 'If-Match', message }]);

/**
 * The revision an If-Match header pins the command to, or undefined when there is no header or it
 * is `*` (any current revision: an application that does not exist is still a 404, the answer the
 * request would get without the header, RFC 9110 §13.2.1). Entity tags are compared strongly
 * (§8.8.3.2): a weak tag never matches, so a header naming no strong tag of ours is a 412 at once.
 * A header that is not a list of entity tags is a 400 naming it; so is a list of several strong
 * tags, since a command pins one revision.
 */
export function pinnedRevision(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (value.trim() === '*') return undefined;
  const revisions = new Set<number>();
  let tags = 0;
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < value.length) {
    const element = ELEMENT.exec(value);
    if (element === null || element[0] === '') throw malformed('must be * or a list of entity tags such as "7"');
    if (element[2] === undefined) continue;
    tags++;
    if (element[1] === undefined && REVISION_TAG.test(element[2])) revisions.add(Number(element[2]));
  }
  if (tags === 0) throw malformed('must be * or a list of entity tags such as "7"');
  if (revisions.size > 1) throw malformed('must name one revision: a command pins the revision it was decided on');
  const [revision] = revisions;
  if (revision === undefined) throw neverMatches();
  return revision;
}

const neverMatches = () =>
  new ProblemError({
    type: problemType('revision-mismatch'),
    title: titleOf(412),
    status: 412,
    code: 'REVISION_MISMATCH',
    detail:
      'If-Match names no strong entity tag this API issues (a weak tag, W/"…", never matches: RFC 9110 strong comparison); ' +
      'nothing was appended: send the ETag exactly as received',
  });
