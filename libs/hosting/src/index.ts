export * from './config/env-parsers';
export * from './config/hosting-config';
export * from './hosting.module';
export * from './hosting.tokens';
export * from './memory/heap-growth';
export * from './memory/pretenuring';
