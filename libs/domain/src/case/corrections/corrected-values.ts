import { fail } from '../../errors/domain-error-codes';
import type { Submission } from '../../submission/submission';
import { asStored } from '../as-stored';
import { requireDate } from '../guards';
import {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  type CorrectableValues,
  type FieldValue,
} from './corrections.messages';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** H4: a field's value does not have the shape of that field (the message never quotes the value). */
const wrongShape = (field: string, shape: string): never =>
  fail('H4_UNKNOWN_FIELD', `The corrected ${field} is not ${shape}`);

/**
 * H4, T1: the corrected value in the shape the submission holds it: a non-blank text for a name, a
 * YYYY-MM-DD date of birth, a passport `{ number, country, expiresOn }`, a residence `{ country, province? }`.
 */
export function requireFieldValue(correction: FieldValue): FieldValue {
  const { field, value } = correction as Readonly<{ field: unknown; value: unknown }>;
  if (!(CORRECTABLE_FIELDS as readonly unknown[]).includes(field))
    fail('H4_UNKNOWN_FIELD', `Not a correctable field: ${String(field)}`);
  switch (correction.field) {
    case 'familyName':
    case 'givenNames':
      if (!isText(value)) wrongShape(correction.field, 'a non-blank text');
      return correction;
    case 'dateOfBirth':
      requireDate(correction.value, 'applicant.dateOfBirth');
      return correction;
    case 'passport': {
      if (!isRecord(value) || !isText(value.number) || !isText(value.country))
        wrongShape('passport', 'a passport with its number, country and expiry date');
      requireDate(correction.value.expiresOn, 'applicant.passport.expiresOn');
      const { number, country, expiresOn } = correction.value;
      return { field: 'passport', value: { number, country, expiresOn } };
    }
    case 'residence': {
      if (!isRecord(value) || !isText(value.country) || !(value.province === undefined || isText(value.province)))
        wrongShape('residence', 'a country with an optional province');
      const { country, province } = correction.value;
      return { field: 'residence', value: asStored({ country, province }) };
    }
  }
}

/** The value a field holds in the submission. */
export function valueIn<K extends CorrectableField>(submission: Submission, field: K): CorrectableValues[K] {
  const values: CorrectableValues = { ...submission.applicant, residence: submission.residence };
  return values[field];
}

/** The submission with one applicant detail replaced by its corrected value. */
export function withCorrection(submission: Submission, correction: FieldValue): Submission {
  if (correction.field === 'residence') return { ...submission, residence: correction.value };
  return { ...submission, applicant: { ...submission.applicant, [correction.field]: correction.value } };
}
