export * from './personal-data-fields';
export * from './redaction';
