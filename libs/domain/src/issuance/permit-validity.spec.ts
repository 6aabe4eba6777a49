import fc from 'fast-check';
import { DomainError } from '@app/kernel';
import { addMonthsClamped, daysBetween, fromDayNumber, isAfter, isBefore, toDayNumber } from '../dates/plain-date';
import { familyMemberValidTo, permitValidTo } from './permit-validity';

const dates = fc.integer({ min: toDayNumber('2022-05-24'), max: toDayNumber('2040-12-31') }).map(fromDayNumber);
const issueAndPassport = fc
  .tuple(dates, fc.integer({ min: 0, max: 4000 }))
  .map(([issuedOn, days]) => ({ issuedOn, passportExpiresOn: fromDayNumber(toDayNumber(issuedOn) + days) }));

describe('I1 I2 permit validity properties', () => {
  it('property: valid-to is never after passport expiry', () => {
    fc.assert(
      fc.property(
        issueAndPassport,
        ({ issuedOn, passportExpiresOn }) => !isAfter(permitValidTo(issuedOn, passportExpiresOn), passportExpiresOn),
      ),
    );
  });

  it('property: valid-to is never before the issue date', () => {
    fc.assert(
      fc.property(
        issueAndPassport,
        ({ issuedOn, passportExpiresOn }) => !isBefore(permitValidTo(issuedOn, passportExpiresOn), issuedOn),
      ),
    );
  });

  it('property: valid-to is never more than 36 months after issue', () => {
    fc.assert(
      fc.property(
        issueAndPassport,
        ({ issuedOn, passportExpiresOn }) =>
          !isAfter(permitValidTo(issuedOn, passportExpiresOn), addMonthsClamped(issuedOn, 36)),
      ),
    );
  });

  it('property: with a passport valid long enough, the permit lasts exactly 36 months', () => {
    fc.assert(
      fc.property(dates, (issuedOn) => {
        const validTo = permitValidTo(issuedOn, '2099-12-31');
        return (
          validTo === addMonthsClamped(issuedOn, 36) &&
          daysBetween(issuedOn, validTo) >= 1093 &&
          daysBetween(issuedOn, validTo) <= 1096
        );
      }),
    );
  });

  it('property: a passport expired before issue always blocks the permit (I2)', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 2000 }), (issuedOn, daysBefore) => {
        const passportExpiresOn = fromDayNumber(toDayNumber(issuedOn) - daysBefore);
        expect(() => permitValidTo(issuedOn, passportExpiresOn)).toThrow(DomainError);
      }),
    );
  });
});

describe('M2 family-member validity properties', () => {
  it('property: never after the principal, never after the passport, never before issue', () => {
    fc.assert(
      fc.property(
        issueAndPassport,
        fc.integer({ min: 0, max: 1200 }),
        ({ issuedOn, passportExpiresOn }, principalDays) => {
          const principalValidTo = fromDayNumber(toDayNumber(issuedOn) + principalDays);
          const validTo = familyMemberValidTo(issuedOn, passportExpiresOn, principalValidTo);
          return (
            !isAfter(validTo, principalValidTo) && !isAfter(validTo, passportExpiresOn) && !isBefore(validTo, issuedOn)
          );
        },
      ),
    );
  });
});
