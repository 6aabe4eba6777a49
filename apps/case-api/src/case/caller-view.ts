import type { ApplicationView } from '@app/domain';
import type { HttpRole, Principal } from '../auth/principal';

/** The view as a caller may see it: without `notes` for a caller who is not an officer or auditor. */
export type CallerView = Omit<ApplicationView, 'notes'> & Partial<Pick<ApplicationView, 'notes'>>;

/**
 * H1: case notes are shown to officers and auditors, never to intake: a caller acting as intake
 * (on an intake route) or holding neither role gets the view without them.
 */
export function viewForCaller(view: ApplicationView, principal: Principal, actingAs?: HttpRole): CallerView {
  const seesNotes = actingAs !== 'intake' && principal.roles.some((role) => role === 'officer' || role === 'auditor');
  if (seesNotes) return view;
  const { notes: _notes, ...withoutNotes } = view;
  return withoutNotes;
}
