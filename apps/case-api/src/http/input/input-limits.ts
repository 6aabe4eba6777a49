import { MAX_IDENTIFIER_LENGTH, MAX_LIST_ITEMS, MAX_TEXT_LENGTH } from '../dto/dto-limits';

/**
 * The deepest nesting a request body may have. The deepest documented body (an application with
 * its passport, or a refusal's reasons) nests 3 levels; validation and class-transformer recurse
 * once per level, and a body thousands of levels deep would overflow the stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/**
 * The most members an object, or elements an array, of a body may have: twice the longest list a
 * field takes, and far above the widest body (a submission's 18 fields). A list just over its
 * field's limit is still named by that field's own message; a body of 100,000 unknown members
 * never reaches validation, which would answer one error per member.
 */
export const MAX_BODY_MEMBERS = 2 * MAX_LIST_ITEMS;

/** The longest string anywhere in the input, in UTF-16 code units: the longest text field, each character astral. */
export const MAX_STRING_UNITS = 2 * MAX_TEXT_LENGTH;

/** Property and query parameter names are identifiers no longer than this (every DTO property is one). */
export const MAX_PROPERTY_NAME_LENGTH = MAX_IDENTIFIER_LENGTH;

/** The most faults one answer lists: a hostile body could otherwise make the 400 larger than itself. */
export const MAX_REPORTED_FAULTS = 20;

/** RFC 9110 §4.1 recommends supporting request targets of at least 8,000 octets; longer ones are answered 414. */
export const MAX_URL_LENGTH = 8192;

/** The longest path parameter (an id is 36 characters); longer ones are answered 414 by the router. */
export const MAX_PATH_PARAM_LENGTH = 100;
