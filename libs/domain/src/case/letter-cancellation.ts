import type { BiometricInstructionLetterCancelled } from './events';
import { automaticLetterOwed } from './case-queries';
import type { ReceivedApplication } from './state';

/**
 * C5, M7: the BIL of an application closed without a decision (over the cap, or with its principal)
 * is cancelled; an automatic one not yet sent is cancelled before it goes out.
 */
export function letterCancellation(
  state: ReceivedApplication,
  at: string,
  reason: BiometricInstructionLetterCancelled['data']['reason'],
): readonly BiometricInstructionLetterCancelled[] {
  const cancelled = (wasIssued: boolean): BiometricInstructionLetterCancelled => ({
    type: 'BiometricInstructionLetterCancelled',
    data: { cancelledAt: at, reason, wasIssued },
  });
  const letter = state.biometrics.letter;
  if (letter !== null) {
    if (letter.cancelledAt !== null) return [];
    return [cancelled(letter.issuedAt !== null)];
  }
  return automaticLetterOwed(state) ? [cancelled(false)] : [];
}
