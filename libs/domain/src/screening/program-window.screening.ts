import { daysBetween, isAfter, isBefore } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import { check, failed, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';

/** P1: the application and its letter fall inside the program window (letters dated 2022-05-24 to 2025-01-15). */
export function screenProgramWindow({ submission, receivedOn }: ScreeningContext): Finding {
  const letter = submission.invitationLetter;
  if (isBefore(receivedOn, POLICY.programOpenedOn)) {
    return failed('P1', `received ${receivedOn}, before the program opened on ${POLICY.programOpenedOn}`);
  }
  if (!letter) return failed('P1', 'no invitation letter, so no letter date inside the program window');
  if (isBefore(letter.issuedOn, POLICY.programOpenedOn)) {
    return failed('P1', `letter dated ${letter.issuedOn}, before the program opened on ${POLICY.programOpenedOn}`);
  }
  return check(
    'P1',
    !isAfter(letter.issuedOn, POLICY.lastValidLetterDate),
    `letter dated ${letter.issuedOn}, on or before ${POLICY.lastValidLetterDate}`,
    `letter dated ${letter.issuedOn}, after ${POLICY.lastValidLetterDate}: MIFI no longer issued valid letters`,
  );
}

/** P2: submitted within 90 calendar days after the letter was received (day 90 in time, day 91 late). */
export function screenSubmissionDeadline({ submission, receivedOn }: ScreeningContext): Finding {
  const letter = submission.invitationLetter;
  if (!letter) return failed('P2', 'no invitation letter, so no 90-day window');
  if (isBefore(letter.receivedOn, letter.issuedOn)) {
    return failed('P2', `letter received ${letter.receivedOn}, before its date ${letter.issuedOn}`);
  }
  const day = daysBetween(letter.receivedOn, receivedOn);
  if (day < 0)
    return failed('P2', `application received ${receivedOn}, before the letter was received on ${letter.receivedOn}`);
  return check(
    'P2',
    day <= POLICY.submissionWindowLastDay,
    `submitted on day ${day} after the letter was received on ${letter.receivedOn}`,
    `submitted on day ${day} after the letter was received on ${letter.receivedOn}: later than day ${POLICY.submissionWindowLastDay}`,
  );
}

/** E6: holds MIFI's A76 invitation letter dated on or before 2025-01-15. */
export function screenInvitationLetter({ submission }: ScreeningContext): Finding {
  const letter = submission.invitationLetter;
  if (!letter) return failed('E6', 'no MIFI invitation letter');
  return check(
    'E6',
    !isAfter(letter.issuedOn, POLICY.lastValidLetterDate),
    `MIFI letter dated ${letter.issuedOn}`,
    `MIFI letter dated ${letter.issuedOn}, after ${POLICY.lastValidLetterDate}`,
  );
}
