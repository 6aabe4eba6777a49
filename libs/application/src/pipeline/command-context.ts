import type { Actor } from '@app/kernel';

/** Everything about a command that is not the command itself: who, why, when, and what it expects. */
export type CommandContext = Readonly<{
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** When the command was accepted (UTC ISO-8601), from the clock. */
  now: string;
  /** The revision the caller pinned with If-Match: a mismatch fails instead of retrying. */
  expectedRevision?: number;
}>;
