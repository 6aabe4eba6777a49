import type { OpenAPIObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { completeDocument } from './complete-document';
import { UTC_INSTANT_PATTERN } from './schema-refinements';

/** A document as @nestjs/swagger writes one, for a route added later by anyone. */
function generated(): OpenAPIObject {
  const ok = (ref: string) => ({ description: '', content: { 'application/json': { schema: { $ref: ref } } } });
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/v1/applications/{id}/things': {
        post: {
          operationId: 'ThingsController_add',
          security: [{ bearer: [] }],
          parameters: [{ name: 'idempotency-key', in: 'header', required: false }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/AddThing' } } },
          },
          responses: { '201': ok('#/components/schemas/Thing') },
        },
      },
      '/v1/applications/{id}/things/{thingId}': {
        get: {
          operationId: 'ThingsController_find',
          security: [{ bearer: [] }],
          responses: { '200': ok('#/components/schemas/Thing') },
        },
      },
      '/health/extra': { get: { operationId: 'Health_extra', responses: { '200': { description: '' } } } },
    },
    components: {
      schemas: {
        AddThing: { type: 'object', properties: { part: { $ref: '#/components/schemas/Part' } } },
        Part: {
          type: 'object',
          properties: {
            at: { type: 'string', format: 'date-time' },
            parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } },
          },
        },
        Thing: {
          type: 'object',
          properties: {
            thingId: { type: 'string' },
            part: { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/Part' }] },
            grade: { type: 'string', enum: ['A', 'B'], nullable: true },
          },
        },
        ProblemDto: { type: 'object', properties: { status: { type: 'integer' } } },
      },
    },
  };
}

describe('completeDocument: what every route of a kind answers, added to whatever the decorators wrote', () => {
  const document = completeDocument(generated());
  const post = document.paths['/v1/applications/{id}/things'].post!;
  const schemas = document.components!.schemas as Record<string, SchemaObject>;

  it("gives a new application command the guards', limits' and problem mapping's statuses, Retry-After on 409, 429 and 503", () => {
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '408', '409', '410', '412', '413', '414', '415']),
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['422', '429', '431', '503']));
    expect(post.responses['429']).toMatchObject({ headers: { 'Retry-After': { required: true } } });
    expect(post.responses['503']).toMatchObject({ headers: { 'Retry-After': { required: false } } });
    expect(post.responses['201']).toMatchObject({
      headers: { ETag: { required: true }, Location: { required: true }, 'Idempotent-Replayed': { required: false } },
    });
  });

  it('documents X-Request-Id on every answer of every route, required on successes but the event stream', () => {
    const stream = completeDocument({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/v1/stream': {
          get: {
            responses: { '200': { description: '', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
          },
        },
      },
    }).paths['/v1/stream'].get!.responses as Record<string, ResponseObject>;
    for (const response of [...Object.values(post.responses), ...Object.values(stream)] as ResponseObject[]) {
      const sure = response === post.responses['201'];
      expect(response.headers?.['X-Request-Id']).toMatchObject({ required: sure, schema: { format: 'uuid' } });
    }
  });

  it('replaces an inline Idempotency-Key with the shared one, adds If-Match, and leaves a public probe without 401', () => {
    expect(post.parameters).toEqual([
      { $ref: '#/components/parameters/IdempotencyKey' },
      { $ref: '#/components/parameters/IfMatch' },
    ]);
    const probe = document.paths['/health/extra'].get!.responses;
    expect(Object.keys(probe).sort()).toEqual(['200', '400', '408', '414', '431', '503']);
  });

  it('closes the request schemas through references and cycles, and leaves response schemas open', () => {
    expect(schemas.AddThing.additionalProperties).toBe(false);
    expect(schemas.Part.additionalProperties).toBe(false);
    expect(schemas.Thing.additionalProperties).toBeUndefined();
  });

  it('makes a nullable nested object "the object or null", a nullable enum list null, and an instant end in Z', () => {
    expect(schemas.Thing.properties!.part).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Part' }, { type: 'object', nullable: true, enum: [null] }],
    });
    expect((schemas.Thing.properties!.grade as SchemaObject).enum).toEqual(['A', 'B', null]);
    expect((schemas.Part.properties!.at as SchemaObject).pattern).toBe(UTC_INSTANT_PATTERN);
  });

  it('links a created member to the routes below its POST that take it', () => {
    expect(post.responses['201']).toMatchObject({
      links: {
        ThingsController_find: {
          operationId: 'ThingsController_find',
          parameters: { id: '$request.path.id', thingId: '$response.body#/thingId' },
        },
      },
    });
  });
});
