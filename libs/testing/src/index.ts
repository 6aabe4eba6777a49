export * from './decider-specification';
export * from './deep-merge';
export * from './fixtures/command.fixtures';
export * from './fixtures/event.fixtures';
export * from './fixtures/medical-and-set-aside.fixtures';
export * from './fixtures/submission.fixtures';
export * from './application-specification';
