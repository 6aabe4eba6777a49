import { extensionRefusedV1 } from './extension-refused-v1.upcaster';
import { upcasterRegistry } from './upcaster';

/** Every upcaster applied when a stored event is read (see docs/architecture.md, "Event versioning"). */
export const EVENT_UPCASTERS = upcasterRegistry([extensionRefusedV1]);
