import { F3_DUTIES, F3_JOB_TITLE } from '../screening/forms.screening';
import { noExamCondition } from './medical-conditions';
import { FAMILY_MEMBER_REMARK, LOCATION_CONDITION, PRINCIPAL_CODING } from './work-permit';

/** Each text copied character by character from shared/RULES.md (quotes removed, nothing else). */
const FROM_RULES = {
  m1Remark: 'Authorized to work as per applicable labour laws.',
  locationCondition: 'Not authorized to work in any location other than stated.',
  userNote: 'CSQ holders – A76',
  jobTitle: 'CSQ holder outside Quebec – OWP',
  duties: 'A76: International Mobility Program Plus',
  noExam:
    'Not authorized to work in 1) child care, 2) primary or secondary school teaching, 3) health services field occupations.',
} as const;

const codePoints = (text: string): number[] => [...text].map((character) => character.codePointAt(0) ?? -1);

describe('M1, section 9, F3, I3 the verbatim texts are exactly those of RULES.md', () => {
  it.each([
    ['M1 family-member remark', FAMILY_MEMBER_REMARK, FROM_RULES.m1Remark],
    ['section 9 location condition', LOCATION_CONDITION, FROM_RULES.locationCondition],
    ['section 9 user note', PRINCIPAL_CODING.userNote, FROM_RULES.userNote],
    ['F3 job title', F3_JOB_TITLE, FROM_RULES.jobTitle],
    ['F3 duties', F3_DUTIES, FROM_RULES.duties],
    ['I3 condition without a medical exam', noExamCondition(false), FROM_RULES.noExam],
  ])('%s', (_name, actual, expected) => {
    expect(codePoints(actual)).toEqual(codePoints(expected));
  });

  it('I3 adds agricultural occupations for a designated country', () => {
    expect(noExamCondition(true)).toBe(`${FROM_RULES.noExam.slice(0, -1)}, 4) agricultural occupations.`);
  });

  it('M1 the family-member remark ends with its period', () => {
    expect(FAMILY_MEMBER_REMARK.endsWith('laws.')).toBe(true);
  });
});
