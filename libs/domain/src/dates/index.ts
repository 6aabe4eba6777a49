export * from './instant';
export * from './plain-date';
