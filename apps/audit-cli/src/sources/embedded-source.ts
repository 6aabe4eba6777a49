import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { AccessLogWriter, applicationHistory, readStreamOrEmpty, viewAt, type PointInTime } from '@app/application';
import {
  AUDIT_DIGESTS_FILE,
  DigestSigner,
  DigestStore,
  parseAuditKeys,
  readDevelopmentAuditKeys,
  verifyStream,
  type AuditKeyring,
} from '@app/integrity';
import { applicationStreamName } from '@app/domain';
import { SqliteEventStore, unparsedJson, type RecordedEvent } from '@app/event-store';
import { isDomainError, type Actor } from '@app/kernel';
import { maskPersonalValues, personalValuesOfCase } from '@app/personal-data';
import {
  READ_MODELS_FILE,
  READ_MODEL_PROJECTIONS,
  ProjectionRunner,
  openReadModelDatabase,
  projectionProgress,
  type ProjectionProgress,
} from '@app/projections';
import {
  APPLICATION_PREFIX,
  CliError,
  WITHOUT_PERSONAL_DATA,
  type ApplicationVerification,
  type AuditSource,
  type HistoryRead,
} from './audit-source';

const now = () => new Date().toISOString();

/** The `route` of a reveal through the embedded store: the only command that reveals. */
export const EMBEDDED_REVEAL_ROUTE = 'impplus-audit export --include-personal-data (--data-dir)';

/** Who reads the files directly: the operating-system user, the only identity the CLI has here. */
function localAuditor(): Actor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return { id: `local:${user}`, role: 'auditor' };
}

/**
 * Reads `DATA_DIR` directly: the SQLite event store (at `EVENTS_DB` when the deployment names it,
 * as the API does), the signed digests and the read models.
 */
export class EmbeddedSource implements AuditSource {
  private readonly store: SqliteEventStore;
  private readonly keyring: AuditKeyring | null;
  private digestStore: DigestStore | null = null;

  constructor(
    private readonly dataDir: string,
    env: NodeJS.ProcessEnv,
  ) {
    const events = env.EVENTS_DB ? resolve(env.EVENTS_DB) : join(dataDir, 'events.db');
    if (!existsSync(events))
      throw new CliError(
        `No event store at ${events}: is --data-dir the API's DATA_DIR (and EVENTS_DB its EVENTS_DB, if it sets one)?`,
      );
    this.store = new SqliteEventStore(events);
    this.keyring = env.AUDIT_HMAC_KEYS ? parseAuditKeys(env.AUDIT_HMAC_KEYS) : readDevelopmentAuditKeys(dataDir);
  }

  /**
   * The stored events. A read that includes personal data is first recorded in the store's access
   * log, as the API records its reveals: the principal is the operating-system user (`local:<user>`),
   * who reads the files directly. The data is not shown when the reveal cannot be recorded.
   */
  async history(applicationId: string, read: HistoryRead = WITHOUT_PERSONAL_DATA) {
    const events = await applicationHistory(this.store, applicationId).catch(rethrowNotFound);
    if (read.includePersonalData) await this.recordReveal(applicationId, events, read.reason);
    return events;
  }

  private async recordReveal(applicationId: string, events: readonly RecordedEvent[], reason: string | undefined) {
    const at = now();
    const data = {
      applicationIds: [applicationId],
      route: EMBEDDED_REVEAL_ROUTE,
      reason: reason === undefined ? null : maskPersonalValues(reason, personalValuesOfCase(events)),
    };
    const id = randomUUID();
    const context = { commandId: id, correlationId: id, causationId: id, actor: localAuditor(), now: at };
    await new AccessLogWriter(this.store).record(data, context).catch((error: Error) => {
      throw new CliError(`The personal data is not shown: its reveal could not be recorded (${error.message})`);
    });
  }

  async asOf(applicationId: string, at: PointInTime) {
    const view = viewAt(await this.history(applicationId), at);
    if (!view)
      throw new CliError(
        `Application ${applicationId} did not exist yet at ${'revision' in at ? `revision ${at.revision}` : at.asOf}`,
        1,
      );
    return view;
  }

  async verify(applicationId: string): Promise<ApplicationVerification> {
    const stream = applicationStreamName(applicationId);
    const events = await readStreamOrEmpty(this.store, stream);
    const digests = this.digests(false);
    if (events.length === 0) {
      const signed = digests?.head(stream);
      if (!signed) throw new CliError(`No application with id ${applicationId}`, 1);
      return {
        valid: false,
        checkedEvents: 0,
        firstBrokenRevision: 0,
        signedHead: { status: 'broken', signedRevision: signed.revision, detail: 'the whole stream is gone' },
      };
    }
    return verifyStream(stream, events, digests ? { digests, keyring: this.keyring } : null);
  }

  async applicationIds(): Promise<string[]> {
    const streams = new Set(this.digests(false)?.signedStreams() ?? []);
    for (let after = 0; ;) {
      const page = await this.store.readAll({ after, limit: 5000 });
      if (page.length === 0) break;
      for (const event of page) streams.add(event.streamName);
      after = page[page.length - 1].position;
    }
    return [...streams]
      .filter((stream) => stream.startsWith(APPLICATION_PREFIX))
      .map((stream) => stream.slice(APPLICATION_PREFIX.length))
      .sort();
  }

  /** Rebuilds into a new generation from position 0; an API serving the same DATA_DIR follows the switch. */
  async rebuild(projection: string, onProgress: (progress: ProjectionProgress) => void): Promise<ProjectionProgress> {
    const db = openReadModelDatabase(join(this.dataDir, READ_MODELS_FILE));
    const runner = new ProjectionRunner(this.store, db, READ_MODEL_PROJECTIONS, now);
    const report = () => projectionProgress(runner, this.store, projection).then(onProgress);
    const ticker = setInterval(() => void report(), 250);
    try {
      runner.start();
      const started = await runner.rebuild(projection).catch((error: Error) => {
        throw new CliError(error.message);
      });
      await runner.waitForGeneration(projection, started.rebuild?.generation ?? started.generation, 24 * 3_600_000);
      await report();
      return await projectionProgress(runner, this.store, projection);
    } finally {
      clearInterval(ticker);
      await runner.stop();
      db.close();
    }
  }

  async signDigest() {
    if (!this.keyring)
      throw new CliError(
        'No audit key: set AUDIT_HMAC_KEYS (the development key is generated by the API on its first start)',
      );
    const result = await new DigestSigner(this.store, this.digests(true) as DigestStore, this.keyring, now, {
      storedDataJson: (event) => unparsedJson(event)?.data,
    }).signAll();
    if (!result) throw new CliError('The event log is empty: there is nothing to sign yet', 1);
    return { ...result.digest, signedEvents: result.signedEvents, refused: result.refused };
  }

  async close(): Promise<void> {
    this.digestStore?.close();
    await this.store.close();
  }

  private digests(create: boolean): DigestStore | null {
    const file = join(this.dataDir, AUDIT_DIGESTS_FILE);
    if (!this.digestStore && (create || existsSync(file))) this.digestStore = new DigestStore(file);
    return this.digestStore;
  }
}

function rethrowNotFound(error: unknown): never {
  if (isDomainError(error) && error.kind === 'not-found') throw new CliError(error.message, 1);
  throw error;
}
