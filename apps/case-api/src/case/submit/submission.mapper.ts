import type { Submission } from '@app/domain';
import { jsonCopy } from '@app/kernel';
import type { SubmitApplicationDto } from './submit-application.dto';
import { instantOrNow } from '../instants';

/**
 * The submission as the domain sees it: the validated body, as plain JSON data (`jsonCopy`, what
 * a JSON round trip gives), without the two envelope fields.
 */
export function toSubmission(dto: SubmitApplicationDto): Submission {
  const { applicationId: _id, receivedAt: _at, ...submission } = jsonCopy(dto) as unknown as SubmitApplicationDto;
  return submission;
}

/** `receivedAt` defaults to now and is never in the future (API.md). */
export const receivedAtOf = (dto: SubmitApplicationDto, now: Date): string =>
  instantOrNow(dto.receivedAt, 'receivedAt', now);
