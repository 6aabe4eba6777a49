/** Upper bounds that turn oversized input into a 400 before it reaches the domain. */
export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 4000;
export const MAX_IDENTIFIER_LENGTH = 64;
export const MAX_CURSOR_LENGTH = 512;
export const MAX_LIST_ITEMS = 50;
/** Far above any fee of RULES.md $1/$2; a guard against absurd amounts, not a policy. */
export const MAX_FEE_CAD = 10_000;

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** The first calendar year with an intake (RULES.md P1: the program opened 2022-05-24). */
export const FIRST_INTAKE_YEAR = 2022;
export const LAST_INTAKE_YEAR = 9999;

/** [INF] H6: the most weeks one weekly report covers (ten years). */
export const MAX_STATISTICS_WEEKS = 520;

/** A RULES.md rule id: one capital letter or `$`, then a number (E2, D1, $3). */
export const RULE_ID_PATTERN = /^[A-Z$][0-9]{1,2}$/;
/** Canonical (lowercase) RFC 9562 text form, so one application never maps to two streams. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const DEFAULT_AUDIT_PAGE_LIMIT = 100;
export const MAX_AUDIT_PAGE_LIMIT = 1000;
