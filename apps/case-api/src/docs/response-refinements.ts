import type { OpenAPIObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `/health`: the readiness report. Admin keys see more members (store, workers, lags), described, not closed. */
const HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'parkedEvents'],
  description:
    'The readiness report. `ok`, or `degraded` while events are parked or receipts stay unnumbered (200); `unavailable` when the store does not answer or a worker is not running (503). An admin key also sees the store, every worker with its lag and the parked events by worker.',
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'unavailable'] },
    parkedEvents: { type: 'integer', minimum: 0 },
    unnumberedReceipts: {
      type: 'object',
      required: ['count', 'overdue', 'oldestAgeSeconds', 'alertAfterSeconds'],
      description: 'Receipts without an intake number: always for an admin key, for others while some are overdue.',
      properties: {
        count: { type: 'integer', minimum: 0 },
        overdue: { type: 'integer', minimum: 0 },
        oldestAgeSeconds: { type: 'integer', minimum: 0 },
        alertAfterSeconds: { type: 'integer', minimum: 0 },
      },
    },
    cause: { type: 'string', description: 'Why receipts stay unnumbered, while some are overdue.' },
    store: {
      type: 'object',
      required: ['status', 'kind'],
      description: 'Admin key only: the event store, up or down, and why.',
      properties: {
        status: { type: 'string', enum: ['up', 'down'] },
        kind: { type: 'string', example: 'sqlite' },
        detail: { type: 'string' },
      },
    },
    projections: {
      type: 'array',
      items: { type: 'object', additionalProperties: true },
      description: 'Admin key only: every read model and process with its state, checkpoint and lag.',
    },
    parked: {
      type: 'object',
      additionalProperties: { type: 'integer', minimum: 0 },
      description: 'Admin key only: parked events by worker.',
    },
  },
};

/** Answers of the routes without a response DTO, written here once: health, liveness, metrics. */
const OPERATIONAL_RESPONSES: ReadonlyArray<Readonly<{ path: string; status: string; response: ResponseObject }>> = [
  {
    path: '/health',
    status: '200',
    response: { description: 'Ready', content: { 'application/json': { schema: schemaRef('HealthDto') } } },
  },
  {
    path: '/health',
    status: '503',
    response: { description: 'Not ready', content: { 'application/json': { schema: schemaRef('HealthDto') } } },
  },
  {
    path: '/health/live',
    status: '200',
    response: {
      description: 'The process answers',
      content: {
        'application/json': {
          schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
        },
      },
    },
  },
  {
    path: '/metrics',
    status: '200',
    response: {
      description: 'Prometheus text exposition format 0.0.4',
      content: { 'text/plain': { schema: { type: 'string' } } },
    },
  },
];

/** Fills in the answers the decorators could not describe; a response a controller already documents is kept. */
export function refineResponses(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, HealthDto: HEALTH_SCHEMA };
  for (const { path, status, response } of OPERATIONAL_RESPONSES) {
    const responses = document.paths[path]?.get?.responses as Record<string, ResponseObject> | undefined;
    if (!responses) continue;
    const existing = responses[status];
    responses[status] = existing?.content
      ? existing
      : { ...response, description: existing?.description || response.description };
  }
  historyAnswersByQuery(document);
}

/**
 * `GET …/history` answers the events, or with `asOf` or `revision` the ApplicationView as it stood
 * then: one schema or the other (they share no required member).
 */
function historyAnswersByQuery(document: OpenAPIObject): void {
  const ok = document.paths['/v1/applications/{id}/history']?.get?.responses['200'] as ResponseObject | undefined;
  const json = ok?.content?.['application/json'];
  if (!ok || !json) return;
  json.schema = { oneOf: [schemaRef('HistoryDto'), schemaRef('ApplicationViewDto')] };
  ok.description =
    'Without asOf and revision, the events of the application (HistoryDto); with either, the ApplicationView as it stood then (ApplicationViewDto, notes included).';
}
