import type { ExtensionRefused } from '@app/domain';
import type { Upcaster } from './upcaster';

/**
 * The first shape of `ExtensionRefused`, frozen: a single free-text `reason`. The current shape
 * carries a list of `reasons`, so that each ground an officer gives is kept apart (and a refusal
 * can be audited ground by ground).
 */
export type ExtensionRefusedV1 = Readonly<{ extensionId: string; decidedOn: string; reason: string }>;

export const extensionRefusedV1: Upcaster = {
  type: 'ExtensionRefused',
  from: 'ExtensionRefusedV1',
  recognises: (data) => typeof data.reason === 'string' && !('reasons' in data),
  upcast(data): ExtensionRefused['data'] {
    const { extensionId, decidedOn, reason } = data as ExtensionRefusedV1;
    return { extensionId, decidedOn, reasons: [reason] };
  },
};
