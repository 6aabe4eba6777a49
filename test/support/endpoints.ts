import type { KeyRole } from './test-app';

/** Every route of shared/API.md with the roles allowed on it (empty: public). */
export type Endpoint = Readonly<{
  method: 'GET' | 'POST';
  /** `{id}`, `{extensionId}`, `{year}` and `{name}` are filled in by the test; `{requestId}` names no request. */
  path: string;
  roles: readonly KeyRole[];
  body?: unknown;
}>;

export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'POST', path: '/v1/applications', roles: ['intake'] },
  { method: 'POST', path: '/v1/applications/{id}/biometric-instruction-letters', roles: ['officer'], body: {} },
  {
    method: 'POST',
    path: '/v1/applications/{id}/biometrics',
    roles: ['intake'],
    body: { enrolledAt: '2024-12-14T09:00:00Z', location: 'VAC' },
  },
  { method: 'POST', path: '/v1/applications/{id}/approval', roles: ['officer'], body: { notes: 'ok' } },
  { method: 'POST', path: '/v1/applications/{id}/refusal', roles: ['officer'], body: { reasons: [] } },
  { method: 'POST', path: '/v1/applications/{id}/withdrawal', roles: ['intake'], body: {} },
  {
    method: 'POST',
    path: '/v1/applications/{id}/work-permit',
    roles: ['officer'],
    body: { issuedOn: '2024-12-20', medical: { examCompleted: true, designatedCountry: false } },
  },
  {
    method: 'POST',
    path: '/v1/applications/{id}/extensions',
    roles: ['intake'],
    body: {
      requestedOn: '2024-12-20',
      prApplication: { number: 'E1', submittedOn: '2024-06-01', aorReceivedOn: '2024-07-01' },
    },
  },
  {
    method: 'POST',
    path: '/v1/applications/{id}/extensions/{extensionId}/decision',
    roles: ['officer'],
    body: { outcome: 'refused', reasons: ['no'] },
  },
  {
    method: 'POST',
    path: '/v1/applications/{id}/medical-results',
    roles: ['officer'],
    body: { examinedOn: '2024-12-12', result: 'M1' },
  },
  {
    method: 'POST',
    path: '/v1/applications/{id}/information-requests',
    roles: ['officer'],
    body: { kind: 'documents', concern: 'The CSQ names another employer.', items: [{ question: 'Send the CSQ.' }] },
  },
  {
    method: 'POST',
    path: '/v1/applications/{id}/information-requests/{requestId}/response',
    roles: ['intake'],
    body: { receivedAt: '2024-12-14T09:00:00Z', documents: ['csq.pdf'] },
  },
  {
    method: 'POST',
    path: '/v1/applications/{id}/decision-set-aside',
    roles: ['admin'],
    body: { court: 'Federal Court', docket: 'IMM-1-25', decidedOn: '2024-12-20', reason: 'Judicial review allowed.' },
  },
  { method: 'POST', path: '/v1/applications/{id}/notes', roles: ['officer'], body: { text: 'Called the employer.' } },
  {
    method: 'POST',
    path: '/v1/applications/{id}/corrections',
    roles: ['officer'],
    body: { field: 'givenNames', value: 'Camille Anne', reason: 'Second given name left out at intake.' },
  },
  { method: 'GET', path: '/v1/applications/{id}', roles: ['intake', 'officer', 'auditor'] },
  { method: 'GET', path: '/v1/applications', roles: ['officer', 'auditor'] },
  { method: 'GET', path: '/v1/applications/{id}/history', roles: ['auditor'] },
  { method: 'GET', path: '/v1/applications/{id}/history?revision=0', roles: ['auditor'] },
  { method: 'GET', path: '/v1/applications/{id}/verification', roles: ['auditor'] },
  { method: 'GET', path: '/v1/applications/{id}/timeline', roles: ['auditor'] },
  { method: 'GET', path: '/v1/intake/{year}', roles: ['officer', 'auditor'] },
  { method: 'GET', path: '/v1/intake/{year}/numbers/{number}', roles: ['officer', 'auditor'] },
  { method: 'GET', path: '/v1/statistics/weekly?from=2024-04-01&to=2024-06-30', roles: ['officer', 'auditor'] },
  { method: 'GET', path: '/v1/statistics/quarterly/{year}/{quarter}', roles: ['officer', 'auditor'] },
  { method: 'GET', path: '/v1/audit/events', roles: ['auditor'] },
  { method: 'GET', path: '/v1/audit/access-log', roles: ['auditor', 'admin'] },
  { method: 'GET', path: '/v1/feed', roles: ['intake', 'officer', 'auditor'] },
  // An allowed role gets 400 (a cursor that is no position), not the endless stream: inject would never return.
  { method: 'GET', path: '/v1/feed/stream?after=not-a-position', roles: ['intake', 'officer', 'auditor'] },
  { method: 'POST', path: '/v1/admin/projections/{name}/rebuild', roles: ['admin'] },
  { method: 'GET', path: '/v1/admin/projections/{name}', roles: ['admin'] },
  { method: 'POST', path: '/v1/admin/audit/digests', roles: ['admin'] },
  { method: 'GET', path: '/v1/admin/parked', roles: ['admin'] },
  { method: 'POST', path: '/v1/admin/parked/{id}/retry', roles: ['admin'], body: { reason: 'retry it' } },
  { method: 'POST', path: '/v1/admin/parked/{id}/skip', roles: ['admin'], body: { reason: 'skip it' } },
  { method: 'GET', path: '/health', roles: [] },
  { method: 'GET', path: '/health/live', roles: [] },
  { method: 'GET', path: '/metrics', roles: [] },
];

export const fill = (path: string, values: Record<string, string>): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
