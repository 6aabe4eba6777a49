import { assertNever } from '@app/kernel';
import { residesInCanada, type ApplicationForm } from '../submission/submission';
import { check, notApplicable, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';

/** F1, F2: where an application is processed: a migration office abroad, or the Centralized Network in Canada. */
export const ROUTINGS = ['migration-office', 'centralized-network'] as const;
export type Routing = (typeof ROUTINGS)[number];

/** F1: IMM 1295 goes to the relevant migration office; F2: IMM 5710 goes to the Centralized Network. */
export function routingOf(form: ApplicationForm): Routing {
  switch (form) {
    case 'IMM1295':
      return 'migration-office';
    case 'IMM5710':
      return 'centralized-network';
    default:
      return assertNever(form, 'form');
  }
}

/** The F3 job title, which becomes the intended occupation of the form. */
export const F3_JOB_TITLE = 'CSQ holder outside Quebec – OWP';
/** The F3 duties, which become a case note. */
export const F3_DUTIES = 'A76: International Mobility Program Plus';

/** F1: applying from outside Canada is done on IMM 1295. */
export function screenOutsideCanadaForm({ submission }: ScreeningContext): Finding {
  if (residesInCanada(submission)) return notApplicable('F1', 'applies from inside Canada');
  return check(
    'F1',
    submission.form === 'IMM1295',
    'IMM 1295, routed to a migration office',
    `${submission.form} used from outside Canada`,
  );
}

/** F2: applying in Canada, outside Quebec, is done on IMM 5710. */
export function screenInCanadaForm({ submission }: ScreeningContext): Finding {
  if (!residesInCanada(submission)) return notApplicable('F2', 'applies from outside Canada');
  return check(
    'F2',
    submission.form === 'IMM5710',
    'IMM 5710, routed to the Centralized Network',
    `${submission.form} used from inside Canada`,
  );
}

const comparable = (text: string | undefined): string =>
  (text ?? '')
    .normalize('NFKC')
    .replace(/[‐-―−-]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const F3_JOB_TITLE_COMPARABLE = comparable(F3_JOB_TITLE);
const F3_DUTIES_COMPARABLE = comparable(F3_DUTIES);

/** The wording as instructed: the very text (most forms, no normalizing needed) or the same once normalized. */
const sameWording = (text: string | undefined, instructed: string, instructedComparable: string): boolean =>
  text === instructed || comparable(text) === instructedComparable;

/** F3: the form states the A76 job title and duties. */
export function screenFormWording({ submission }: ScreeningContext): Finding {
  const wrong = [
    sameWording(submission.jobTitle, F3_JOB_TITLE, F3_JOB_TITLE_COMPARABLE)
      ? null
      : `job title is not "${F3_JOB_TITLE}"`,
    sameWording(submission.dutiesDescription, F3_DUTIES, F3_DUTIES_COMPARABLE) ? null : `duties are not "${F3_DUTIES}"`,
  ].filter((problem): problem is string => problem !== null);
  return check('F3', wrong.length === 0, 'job title and duties as instructed for A76', wrong.join('; '));
}
