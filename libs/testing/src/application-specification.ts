import { applicationDecider } from '@app/domain';
import { DeciderSpecification } from './decider-specification';

/** `applicationSpec.given([received()]).when(approve()).then([approved()])`. */
export const applicationSpec = DeciderSpecification(applicationDecider);
