export * from './actor';
export * from './assert-never';
export * from './canonical-json';
export * from './decider';
export * from './domain-error';
export * from './event-metadata';
export * from './json-copy';
export * from './message';
