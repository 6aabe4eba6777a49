import { startTestApp, type TestApp } from './support/test-app';

/** shared/API.md, as integrations read it: every route, and the fields of the main documents. */
const ROUTES: Record<string, string[]> = {
  '/v1/applications': ['post', 'get'],
  '/v1/applications/{id}': ['get'],
  '/v1/applications/{id}/biometric-instruction-letters': ['post'],
  '/v1/applications/{id}/biometrics': ['post'],
  '/v1/applications/{id}/approval': ['post'],
  '/v1/applications/{id}/refusal': ['post'],
  '/v1/applications/{id}/withdrawal': ['post'],
  '/v1/applications/{id}/work-permit': ['post'],
  '/v1/applications/{id}/extensions': ['post'],
  '/v1/applications/{id}/extensions/{extensionId}/decision': ['post'],
  '/v1/applications/{id}/medical-results': ['post'],
  '/v1/applications/{id}/information-requests': ['post'],
  '/v1/applications/{id}/information-requests/{requestId}/response': ['post'],
  '/v1/applications/{id}/decision-set-aside': ['post'],
  '/v1/applications/{id}/notes': ['post'],
  '/v1/applications/{id}/corrections': ['post'],
  '/v1/applications/{id}/history': ['get'],
  '/v1/applications/{id}/verification': ['get'],
  '/v1/applications/{id}/timeline': ['get'],
  '/v1/intake/{year}': ['get'],
  '/v1/intake/{year}/numbers/{number}': ['get'],
  '/v1/statistics/weekly': ['get'],
  '/v1/statistics/quarterly/{year}/{quarter}': ['get'],
  '/v1/audit/events': ['get'],
  '/v1/audit/access-log': ['get'],
  '/v1/feed': ['get'],
  '/v1/feed/stream': ['get'],
  '/v1/admin/projections/{name}/rebuild': ['post'],
  '/v1/admin/parked': ['get'],
  '/v1/admin/parked/{id}/retry': ['post'],
  '/v1/admin/parked/{id}/skip': ['post'],
  '/health': ['get'],
  '/metrics': ['get'],
};

const SCHEMAS: Record<string, string[]> = {
  SubmitApplicationDto: [
    'applicationId',
    'applicantType',
    'principalApplicationId',
    'receivedAt',
    'channel',
    'form',
    'portOfEntry',
    'applicant',
    'residence',
    'inCanadaStatus',
    'intendsToResideInQuebec',
    'csq',
    'invitationLetter',
    'prApplication',
    'jobTitle',
    'dutiesDescription',
    'fees',
    'documents',
  ],
  ApplicationViewDto: [
    'id',
    'revision',
    'applicantType',
    'principalApplicationId',
    'status',
    'receivedAt',
    'channel',
    'form',
    'routing',
    'intake',
    'screening',
    'possibleDuplicateOf',
    'fees',
    'biometrics',
    'medical',
    'decision',
    'permit',
    'extensions',
    'informationRequests',
  ],
  MedicalViewDto: ['result', 'examinedOn', 'surveillance'],
  DecisionViewDto: ['outcome', 'decidedAt', 'officerId', 'reasons', 'setAside'],
  SetAsideViewDto: ['court', 'docket', 'decidedOn', 'reason', 'previous'],
  RecordMedicalResultDto: ['examinedOn', 'result', 'surveillance'],
  InformationRequestViewDto: ['id', 'kind', 'concern', 'dueOn', 'status'],
  RequestInformationDto: ['kind', 'concern', 'items', 'dueOn'],
  RecordInformationResponseDto: ['receivedAt', 'documents', 'text'],
  SetAsideDecisionDto: ['court', 'docket', 'decidedOn', 'reason'],
  PermitViewDto: [
    'authority',
    'caseType',
    'exemptionCode',
    'provinceOfDestination',
    'cityOfDestination',
    'noc',
    'intendedOccupation',
    'employer',
    'issuedOn',
    'validTo',
    'conditions',
    'userNote',
    'remarks',
  ],
  IntakeLedgerDto: [
    'year',
    'cap',
    'counted',
    'withinCap',
    'overCap',
    'cancelledOverCap',
    'returnedOverCap',
    'capReachedAt',
  ],
  WeekStatisticsDto: ['weekStarting', 'submitted', 'approved', 'refused', 'withdrawn', 'permitsIssued'],
  QuarterlyStatisticsDto: [
    'year',
    'quarter',
    'from',
    'to',
    'submitted',
    'approved',
    'refused',
    'withdrawn',
    'permitsIssued',
  ],
  VerificationDto: ['valid', 'checkedEvents', 'firstBrokenRevision', 'chain', 'signedHead'],
  AccessLogEntryDto: ['at', 'principal', 'applicationId', 'route', 'reason'],
  ProblemDto: ['type', 'title', 'status', 'detail', 'code', 'errors'],
};

describe('the served OpenAPI document describes API.md', () => {
  let api: TestApp;
  let document: {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, { properties?: object }> };
  };
  beforeAll(async () => {
    api = await startTestApp();
    document = (await api.get('/docs-json', { as: null })).body;
  });
  afterAll(async () => {
    await api.close();
  });

  it.each(Object.entries(ROUTES))('has %s', (path, methods) => {
    expect(Object.keys(document.paths[path] ?? {})).toEqual(expect.arrayContaining(methods));
  });

  it.each(Object.entries(SCHEMAS))('has the %s schema with every field', (name, fields) => {
    expect(Object.keys(document.components.schemas[name]?.properties ?? {})).toEqual(expect.arrayContaining(fields));
  });

  it('documents the bearer key and the example bodies of a submission', () => {
    expect(JSON.stringify(document.components)).toContain('bearer');
    const submit = document.paths['/v1/applications'].post as {
      requestBody: { content: Record<string, { examples?: object }> };
    };
    expect(Object.keys(submit.requestBody.content['application/json'].examples ?? {}).length).toBeGreaterThan(0);
  });

  type Operation = { responses: Record<string, unknown>; requestBody?: { required?: boolean } };
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation: operation as Operation })),
    );

  it('documents 415 on every POST, and 414 and 431 on every application, intake and audit route', () => {
    const posts = operations().filter(({ path, method }) => path.startsWith('/v1/') && method === 'post');
    expect(posts.filter(({ operation }) => !('415' in operation.responses)).map(({ path }) => path)).toEqual([]);
    const routes = operations().filter(({ path }) => /^\/v1\/(applications|intake|audit)/.test(path));
    expect(
      routes
        .filter(({ operation }) => !('414' in operation.responses && '431' in operation.responses))
        .map(({ path }) => path),
    ).toEqual([]);
  });

  it('documents the bodies whose fields are all optional as optional, and the ignored body of a POST that reads none', () => {
    const optional = operations()
      .filter(({ operation }) => operation.requestBody !== undefined && operation.requestBody.required !== true)
      .map(({ path }) => path);
    expect(optional.sort()).toEqual([
      '/v1/admin/audit/digests',
      '/v1/admin/projections/{name}/rebuild',
      '/v1/applications/{id}/biometric-instruction-letters',
      '/v1/applications/{id}/withdrawal',
    ]);
  });
});
