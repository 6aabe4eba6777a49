/** The shared classification of personal data (docs/privacy.md), as the exports apply it. */
export { REDACTED, maskPersonalValues, personalDataLabels, personalValuesOfCase, redactPersonalData } from '@app/personal-data';
