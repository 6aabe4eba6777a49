import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccessLogWriter, CLOCK, type Clock } from '@app/application';
import { APPLICATION_STREAM_CATEGORY } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { maskPersonalValues, personalValuesOfCase } from '@app/personal-data';
import type { AuthenticatedRequest } from '../../auth/api-key.refusal';
import { ProblemError, problemType } from '../../http/problem/problem';

/** Records the reveal of the events about to be shown unredacted; resolves once it is stored. */
export type RevealRecorder = (revealed: readonly RecordedEvent[]) => Promise<void>;

const APPLICATION_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;

/**
 * The gate every reveal of personal data passes (docs/privacy.md): before the events leave
 * unredacted, one access event names the caller, the cases they belong to, the route and the
 * reason, in the hash-chained access log. A reveal that cannot be recorded is a 503, never data.
 */
@Injectable()
export class PersonalDataAccess {
  constructor(
    private readonly writer: AccessLogWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A recorder for this request: the caller is its principal, the route its method and path template. */
  recorderFor(request: AuthenticatedRequest, reason: string | undefined): RevealRecorder {
    return (revealed) => this.record(request, reason, revealed);
  }

  private async record(
    request: AuthenticatedRequest,
    reason: string | undefined,
    revealed: readonly RecordedEvent[],
  ): Promise<void> {
    const cases = revealed.filter((event) => event.streamName.startsWith(APPLICATION_PREFIX));
    const applicationIds = [...new Set(cases.map((event) => event.streamName.slice(APPLICATION_PREFIX.length)))];
    if (applicationIds.length === 0) return;
    const principal = request.principal;
    if (!principal) throw new Error('A reveal of personal data needs an authenticated caller');
    const data = {
      applicationIds,
      route: routeOf(request),
      reason: reason === undefined ? null : maskPersonalValues(reason, personalValuesOfCase(cases)),
    };
    const context = {
      commandId: randomUUID(),
      correlationId: String(request.id),
      causationId: String(request.id),
      actor: { id: principal.id, role: 'auditor' as const },
      now: this.clock.now().toISOString(),
    };
    await this.writer.record(data, context).catch((error: unknown) => {
      throw new ProblemError(
        {
          type: problemType('access-not-recorded'),
          title: 'Service Unavailable',
          status: 503,
          detail: `The personal data was not shown: its reveal could not be recorded in the access log (${describe(error)}); retry after Retry-After`,
        },
        { 'retry-after': '5' },
      );
    });
  }
}

/** `GET /v1/applications/{id}/history`: the method and the OpenAPI path template, never an id or a query. */
export function routeOf(request: Pick<AuthenticatedRequest, 'method' | 'routeOptions' | 'url'>): string {
  const template = request.routeOptions?.url ?? request.url.split('?')[0];
  return `${request.method} ${template.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

const describe = (error: unknown): string => (error instanceof Error ? error.name : 'unknown failure');
