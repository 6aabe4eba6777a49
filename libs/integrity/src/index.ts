export * from './hash-chain';
export * from './deterministic-uuid';
export * from './audit-keys';
export * from './digest-store';
export * from './signed-digest';
export * from './digest-signer';
export * from './signed-head-check';
export * from './stream-verification';
