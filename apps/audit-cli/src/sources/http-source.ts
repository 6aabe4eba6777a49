import type { PointInTime } from '@app/application';
import type { ApplicationView } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { ProjectionProgress } from '@app/projections';
import {
  APPLICATION_PREFIX,
  CliError,
  WITHOUT_PERSONAL_DATA,
  type ApplicationVerification,
  type AuditSource,
  type HistoryRead,
} from './audit-source';

type HistoryEvent = Readonly<{
  revision: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}>;

const POLL_MS = 250;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a running API with an auditor's key (an admin's key for rebuilds and on-demand digests). */
export class HttpSource implements AuditSource {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /**
   * The API redacts the events unless asked for `personalData=include`, sent only when the read
   * includes personal data, with the `reason` the API records in its access log.
   */
  async history(applicationId: string, read: HistoryRead = WITHOUT_PERSONAL_DATA): Promise<RecordedEvent[]> {
    const reason = read.reason === undefined ? '' : `&reason=${encodeURIComponent(read.reason)}`;
    const query = read.includePersonalData ? `?personalData=include${reason}` : '';
    const { events } = await this.call<{ events: HistoryEvent[] }>(
      'GET',
      `/v1/applications/${encodeURIComponent(applicationId)}/history${query}`,
    );
    return events.map((event) => ({
      ...event,
      streamName: `${APPLICATION_PREFIX}${applicationId}`,
      eventId: String(event.metadata.eventId),
      recordedAt: String(event.metadata.recordedAt),
    }));
  }

  asOf(applicationId: string, at: PointInTime): Promise<ApplicationView> {
    const query = 'revision' in at ? `revision=${at.revision}` : `asOf=${encodeURIComponent(at.asOf)}`;
    return this.call('GET', `/v1/applications/${encodeURIComponent(applicationId)}/history?${query}`);
  }

  verify(applicationId: string): Promise<ApplicationVerification> {
    return this.call('GET', `/v1/applications/${encodeURIComponent(applicationId)}/verification`);
  }

  async applicationIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: { items: { id: string }[]; nextCursor: string | null } = await this.call(
        'GET',
        `/v1/applications?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    return ids;
  }

  async rebuild(projection: string, onProgress: (progress: ProjectionProgress) => void): Promise<ProjectionProgress> {
    const started = await this.call<ProjectionProgress>(
      'POST',
      `/v1/admin/projections/${encodeURIComponent(projection)}/rebuild`,
    );
    const target = started.rebuild?.generation ?? started.generation;
    for (
      let progress = started;
      ;
      progress = await this.call('GET', `/v1/admin/projections/${encodeURIComponent(projection)}`)
    ) {
      onProgress(progress);
      if (progress.rebuild?.state === 'failed')
        throw new CliError(`The rebuild stopped: ${progress.rebuild.failure?.message}`, 1);
      if (progress.generation >= target && progress.rebuild === null) return progress;
      await pause(POLL_MS);
    }
  }

  signDigest(): Promise<Readonly<Record<string, unknown>>> {
    return this.call('POST', '/v1/admin/audit/digests');
  }

  async close(): Promise<void> {}

  private async call<T>(method: 'GET' | 'POST', path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' },
      });
    } catch (error) {
      const { cause, message } = error as Error;
      throw new CliError(`Cannot reach ${this.baseUrl}: ${cause instanceof Error ? cause.message : message}`);
    }
    const body = (await response.json().catch(() => ({}))) as T & { detail?: string };
    if (!response.ok)
      throw new CliError(
        `${method} ${path}: ${response.status} ${body.detail ?? response.statusText}`,
        response.status === 404 ? 1 : 2,
      );
    return body;
  }
}
