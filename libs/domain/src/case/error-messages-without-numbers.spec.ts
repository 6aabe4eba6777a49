import {
  applicationSpec,
  flagPossibleDuplicate,
  foldStored,
  permitIssuedPrincipal,
  received,
  requestExtension,
  submit,
} from '@app/testing';
import { applicationDecider } from './case.decider';
import type { ApplicationCommand } from './commands';
import type { ApplicationEvent } from './events';

/** The refusal of `command` after `given`, as a thunk for `expect(...).toThrow(message)`. */
const deciding = (given: readonly ApplicationEvent[], command: ApplicationCommand) => () =>
  applicationDecider.decide(command, foldStored(applicationDecider, given));

/** docs/privacy.md: an error names the document that is wrong, never its number (errors reach logs and bodies). */
describe('domain errors quote no identifying number', () => {
  it('X1 names the PR application already decided by its status', () => {
    const command = requestExtension({ prApplication: { number: 'E009988776', status: 'approved' } });
    applicationSpec.given(permitIssuedPrincipal()).when(command).thenThrows('X1_PR_ALREADY_DECIDED');
    expect(deciding(permitIssuedPrincipal(), command)).toThrow(
      /^The PR application is approved, no longer in processing$/,
    );
  });

  it('X2 names the PR application without an AOR', () => {
    const command = requestExtension({ prApplication: { number: 'E009988776', aorReceivedOn: undefined } });
    applicationSpec.given(permitIssuedPrincipal()).when(command).thenThrows('X2_AOR_REQUIRED');
    expect(deciding(permitIssuedPrincipal(), command)).toThrow(
      /^The PR application has no acknowledgment of receipt \(AOR\)$/,
    );
  });

  it.each([
    ['passport:FRA:00000000', "The passport key given is not one of this application's keys"],
    ['csq:CSQ99000001', "The CSQ key given is not one of this application's keys"],
    ['CSQ99000001', 'The key given is neither a passport nor a CSQ key'],
    ['passport1', 'The key given is neither a passport nor a CSQ key'],
  ])('C6 names the kind of the key %s, not its number', (key, message) => {
    applicationSpec.given([received()]).when(flagPossibleDuplicate({ key })).thenThrows('C6_KEY_MISMATCH');
    expect(deciding([received()], flagPossibleDuplicate({ key }))).toThrow(new Error(message));
  });

  it('T1 names an impossible date of birth without quoting it, and still quotes other impossible dates', () => {
    const birth = submit({ applicant: { dateOfBirth: '1979-02-30' } });
    applicationSpec.given().when(birth).thenThrows('T1_INVALID_DATE');
    expect(deciding([], birth)).toThrow(new Error('applicant.dateOfBirth is not a YYYY-MM-DD date'));
    expect(deciding([], submit({ applicant: { passport: { expiresOn: '2031-02-30' } } }))).toThrow(
      new Error('applicant.passport.expiresOn is not a YYYY-MM-DD date: 2031-02-30'),
    );
  });
});
