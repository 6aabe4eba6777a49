import type { Submission } from '@app/domain';
import type { SubmitApplicationDto } from './submit-application.dto';
import { instantOrNow } from '../instants';

/** The submission as the domain sees it: the validated body without the two envelope fields. */
export function toSubmission(dto: SubmitApplicationDto): Submission {
  const {
    applicationId: _id,
    receivedAt: _at,
    ...submission
  } = JSON.parse(JSON.stringify(dto)) as SubmitApplicationDto;
  return submission;
}

/** `receivedAt` defaults to now and is never in the future (API.md). */
export const receivedAtOf = (dto: SubmitApplicationDto, now: Date): string =>
  instantOrNow(dto.receivedAt, 'receivedAt', now);
