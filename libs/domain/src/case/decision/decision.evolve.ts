import type { Evolvers } from '../registries';
import type { DecisionEvent } from './decision.messages';

/** R1, R2: the officer's decision. */
export const decisionEvolvers: Evolvers<DecisionEvent> = {
  ApplicationApproved: (current, { data }) => ({
    ...current,
    status: 'approved',
    decision: { outcome: 'approved', ...data },
  }),
  ApplicationRefused: (current, { data }) => ({
    ...current,
    status: 'refused',
    decision: { outcome: 'refused', ...data },
  }),
};
