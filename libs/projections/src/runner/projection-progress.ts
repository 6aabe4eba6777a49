import type { EventStore } from '@app/event-store';
import type { WorkerStatus } from './catch-up-handler';
import type { ProjectionRunner } from './projection-runner';

export type RebuildProgress = Omit<WorkerStatus, 'name'> & Readonly<{ generation: number; lag: number }>;

/** Where a read model stands, and its rebuild if one runs: what an operator watches. */
export type ProjectionProgress = WorkerStatus &
  Readonly<{
    generation: number;
    head: number;
    lag: number;
    switchedAt: string | null;
    rebuild: RebuildProgress | null;
  }>;

export async function projectionProgress(
  runner: ProjectionRunner,
  store: EventStore,
  name: string,
): Promise<ProjectionProgress> {
  const status = runner.status(name);
  const head = await store.headPosition();
  const rebuild = status.rebuild
    ? {
        generation: status.rebuild.generation,
        state: status.rebuild.state,
        checkpoint: status.rebuild.checkpoint,
        lag: Math.max(0, head - status.rebuild.checkpoint),
        ...(status.rebuild.failure ? { failure: status.rebuild.failure } : {}),
      }
    : null;
  return {
    name: status.name,
    generation: status.generation,
    state: status.state,
    checkpoint: status.checkpoint,
    head,
    lag: Math.max(0, head - status.checkpoint),
    switchedAt: status.switchedAt,
    rebuild,
    ...(status.failure ? { failure: status.failure } : {}),
  };
}
