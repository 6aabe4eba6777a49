import type { Decider } from '@app/kernel';
import type { ApplicationCommand } from './commands';
import { decide } from './decide';
import type { ApplicationEvent } from './events';
import { evolve } from './evolve';
import { initialApplicationState, type ApplicationState } from './state';

/** The category of application streams (no dash inside: `$by_category` splits on the first dash). */
export const APPLICATION_STREAM_CATEGORY = 'application';

/** `application-<id>`: one stream per application, principal or family member. */
export const applicationStreamName = (id: string): string => `${APPLICATION_STREAM_CATEGORY}-${id}`;

/** The pure decider of an IMP+ (A76) application's whole life, from receipt to extension. */
export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState> = {
  initialState: initialApplicationState,
  evolve,
  decide,
};

export { APPLICATION_COMMAND_TYPES } from './decide';
export { APPLICATION_EVENT_TYPES, isApplicationEventType } from './evolve';
