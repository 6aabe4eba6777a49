/**
 * The shared classification of personal data (docs/privacy.md), reached by a relative path until
 * `@app/personal-data` is declared in tsconfig.base.json's `paths`.
 */
export { REDACTED, maskPersonalValues, personalValuesIn, redactPersonalData } from '../../../../libs/personal-data/src';
