import { isDomainError } from '@app/kernel';
import { ConcurrencyExhaustedError, PreconditionFailedError } from '../pipeline/pipeline.errors';

export type CommandResult = 'accepted' | 'already-applied' | 'refused' | 'conflict' | 'failed';

/** Told the result of every command the handler runs (metrics at the edge). */
export interface CommandObserver {
  commandHandled(type: string, result: CommandResult): void;
}

export const COMMAND_OBSERVER = Symbol('CommandObserver');

export function resultOfError(error: unknown): CommandResult {
  if (isDomainError(error)) return error.kind === 'conflict' ? 'conflict' : 'refused';
  if (error instanceof PreconditionFailedError || error instanceof ConcurrencyExhaustedError) return 'conflict';
  return 'failed';
}
