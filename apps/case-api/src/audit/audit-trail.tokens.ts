/** The `TamperEvidence` (digest store and keyring) that verification checks against. */
export const TAMPER_EVIDENCE = Symbol('TamperEvidence');
