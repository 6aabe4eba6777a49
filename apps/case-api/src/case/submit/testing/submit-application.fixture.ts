import { PRINCIPAL_IN_CANADA_EXAMPLE, SPOUSE_EXAMPLE } from '../submit-application.examples';

type Body = Record<string, unknown>;

const copy = <T>(value: T): Body => structuredClone(value) as Body;
const principal = PRINCIPAL_IN_CANADA_EXAMPLE;

export const passport = (overrides: Body = {}): Body => ({ ...copy(principal.applicant.passport), ...overrides });

export const applicant = (overrides: Body = {}): Body => ({ ...copy(principal.applicant), ...overrides });

export const residence = (overrides: Body = {}): Body => ({ ...copy(principal.residence), ...overrides });

/** A complete principal application from inside Canada (Ontario), consistent with RULES.md. */
export const submitApplication = (overrides: Body = {}): Body => ({ ...copy(principal), ...overrides });

/** The spouse of the principal above, applying after the principal's approval. */
export const submitSpouseApplication = (overrides: Body = {}): Body => ({ ...copy(SPOUSE_EXAMPLE), ...overrides });
