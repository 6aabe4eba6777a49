import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

type Json = Record<string, any>;

/** Issue 18, deliverable 1: the served document lists every status, header and body the server can answer. */
describe('the served OpenAPI document is the server', () => {
  let api: TestApp;
  let document: Json;
  const operations = () =>
    Object.entries(document.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json).map(([method, operation]) => ({ path, method, operation: operation as Json })),
    );
  const headerNames = (operation: Json): string[] =>
    (operation.parameters ?? []).map((p: Json) =>
      p.$ref ? document.components.parameters[p.$ref.split('/').pop()].name : p.in === 'header' ? p.name : '',
    );
  const requestSchema = (name: string) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...document, $id: 'urn:impplus:served' });
    return ajv.compile({ $ref: `urn:impplus:served#/components/schemas/${name}` });
  };

  beforeAll(async () => {
    api = await startTestApp();
    document = (await api.get('/docs-json', { as: null })).body as Json;
  });
  afterAll(async () => {
    await api.close();
  });

  it('is a valid OpenAPI document (swagger-parser: the OpenAPI 3.0 schema and every $ref)', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('declares Idempotency-Key on every POST, and If-Match on every command that builds a command context', () => {
    const posts = operations().filter(({ method }) => method === 'post');
    expect(posts.filter(({ operation }) => !headerNames(operation).includes('Idempotency-Key'))).toEqual([]);
    const pinned = posts.filter(({ path }) => /^\/v1\/(applications|admin\/parked\/)/.test(path));
    expect(pinned.length).toBeGreaterThanOrEqual(17);
    expect(pinned.filter(({ operation }) => !headerNames(operation).includes('If-Match'))).toEqual([]);
  });

  it('requires ETag and Location on every success of an application command, ETag on a read of one', () => {
    const commands = operations().filter(
      ({ path, method }) => method === 'post' && path.startsWith('/v1/applications'),
    );
    for (const { operation } of commands) {
      const success = Object.entries(operation.responses as Json).filter(([status]) => status.startsWith('2'));
      for (const [, response] of success) {
        expect(response.headers).toMatchObject({ ETag: { required: true }, Location: { required: true } });
        expect(response.headers['Idempotent-Replayed']).toMatchObject({ required: false });
      }
    }
    expect(document.paths['/v1/applications/{id}'].get.responses['200'].headers.ETag.required).toBe(true);
    expect(document.paths['/v1/admin/projections/{name}/rebuild'].post.responses['202'].headers.Location.required).toBe(
      true,
    );
  });

  it('lists the guards, limits and mapped problems on every route, with Retry-After where the server sends it', () => {
    for (const { path, method, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      const expected = [
        '400',
        '408',
        '414',
        '431',
        '503',
        ...(operation.security?.length ? ['401', '403', '429'] : []),
        ...(method === 'post' ? ['409', '413', '415'] : []),
        ...(method === 'post' && path.startsWith('/v1/applications') ? ['404', '410', '412', '422'] : []),
      ];
      expect({ path, method, missing: expected.filter((status) => !statuses.includes(status)) }).toEqual({
        path,
        method,
        missing: [],
      });
      if (operation.responses['429']) expect(operation.responses['429'].headers['Retry-After'].required).toBe(true);
      expect(operation.responses['503'].headers['Retry-After'].required).toBe(false);
    }
  });

  it('closes every request body schema, as forbidNonWhitelisted refuses unknown members at any depth', () => {
    const submit = document.components.schemas.SubmitApplicationDto;
    expect(submit.additionalProperties).toBe(false);
    expect(document.components.schemas.ApplicantDto.additionalProperties).toBe(false);
    const validate = requestSchema('SubmitApplicationDto');
    expect(validate(exampleSubmission())).toBe(true);
    expect(validate(exampleSubmission({ nickname: 'Cam' }))).toBe(false);
  });

  it('writes the conditional constraints: principalApplicationId for family members only, months for approvals only', () => {
    const submit = requestSchema('SubmitApplicationDto');
    const principal = '0b8e6a52-7f43-4d1c-a5e9-2c6b1f9d3e70';
    expect(submit(exampleSubmission({ principalApplicationId: principal }))).toBe(false);
    expect(submit(exampleSubmission({ applicantType: 'spouse' }))).toBe(false);
    const examples = document.paths['/v1/applications'].post.requestBody.content['application/json'].examples as Json;
    for (const example of Object.values(examples)) expect(submit(example.value)).toBe(true);
    const decide = requestSchema('DecideExtensionDto');
    expect(decide({ outcome: 'approved', months: 12 })).toBe(true);
    expect(decide({ outcome: 'refused', months: 12 })).toBe(false);
    const history = document.paths['/v1/applications/{id}/history'].get.parameters as Json[];
    expect(history.find((p) => p.name === 'revision')?.description).toMatch(/absent when asOf is given/);
  });

  it('serves dates as dates and instants in UTC with Z; a nullable nested object admits null', () => {
    const letter = document.components.schemas.BiometricLetterViewDto.properties;
    expect(letter.dueBy).toMatchObject({ type: 'string', format: 'date' });
    expect(letter.issuedAt.pattern).toMatch(/Z\$$/);
    const view = requestSchema('BiometricsViewDto');
    expect(view({ required: true, exemption: null, letter: null, enrolledAt: null })).toBe(true);
    expect(view({ required: true, exemption: null, letter: null, enrolledAt: '2024-12-20T15:30:00+00:00' })).toBe(
      false,
    );
  });

  it('answers history with the events, or with asOf or revision the ApplicationView: one schema or the other', () => {
    const ok = document.paths['/v1/applications/{id}/history'].get.responses['200'];
    expect(ok.content['application/json'].schema.oneOf).toEqual([
      { $ref: '#/components/schemas/HistoryDto' },
      { $ref: '#/components/schemas/ApplicationViewDto' },
    ]);
  });

  it('links a submission to every route that takes its id, and an extension to its decision', () => {
    const links = document.paths['/v1/applications'].post.responses['201'].links as Json;
    const byId = operations().filter(({ path }) => /^\/v1\/applications\/\{id\}[^{]*$/.test(path));
    expect(byId.length).toBeGreaterThanOrEqual(15);
    for (const { operation } of byId) {
      expect(links[operation.operationId]).toEqual(
        expect.objectContaining({ operationId: operation.operationId, parameters: { id: '$response.body#/id' } }),
      );
    }
    const extension = document.paths['/v1/applications/{id}/extensions'].post.responses['201'].links as Json;
    expect(Object.values(extension)).toEqual([
      expect.objectContaining({ parameters: { id: '$request.path.id', extensionId: '$response.body#/extensionId' } }),
    ]);
  });
});
