import type { Evolvers } from '../registries';
import type { IssuanceEvent } from './issuance.messages';

/** Section 9: the permit of an approved application. */
export const issuanceEvolvers: Evolvers<IssuanceEvent> = {
  WorkPermitIssued: (current, { data }) => {
    if (current.status !== 'approved') throw new Error(`WorkPermitIssued on a ${current.status} application`);
    return { ...current, status: 'permit-issued', permit: data.permit };
  },
};
