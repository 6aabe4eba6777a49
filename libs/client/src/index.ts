export * from './case-ledger-client';
