import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');

/**
 * Each run starts a Node process that loads the CLI (about a second on a busy 2-core machine), so
 * tests that run several of them, and the data directory built through the API, get this long.
 */
export const CLI_TIMEOUT_MS = 45_000;

export type CliRun = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** Runs the audit CLI from source in its own process, as a user would run `npm run audit -- …`. */
export function runAuditCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'apps/audit-cli/src/main.ts'), ...args],
    {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** The example submission's identifying values (docs/privacy.md): names, date of birth, passport, CSQ and invitation letter numbers. */
export const PERSONAL_DATA = [
  'Tremblay',
  'Camille',
  '19AB12345',
  '1990-04-12',
  'CSQ-2023-004211',
  'MIFI-A76-2024-1187',
];

/**
 * A data directory written by the real API: a whole principal case (submit → permit), a refused
 * one (sharing the first one's CSQ, so C6 flags it as a possible duplicate), and a digest signed over both. Returns it with the ids and the clock's instants.
 */
export async function caseDataDir() {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  const api = await startTestApp({ clock });
  const granted = (await api.post('/v1/applications', exampleSubmission())).body.id as string;
  const refused = (
    await api.post(
      '/v1/applications',
      exampleSubmission({
        applicant: {
          ...(exampleSubmission().applicant as object),
          passport: { number: '20CD99887', country: 'FRA', expiresOn: '2031-01-31' },
        },
      }),
    )
  ).body.id as string;
  clock.set('2024-12-11T16:00:00Z');
  await api.post(`/v1/applications/${granted}/biometric-instruction-letters`, {}, { as: 'officer' });
  clock.set('2024-12-15T10:00:00Z');
  await api.post(`/v1/applications/${granted}/biometrics`, {
    enrolledAt: '2024-12-14T09:00:00Z',
    location: 'VAC Paris',
  });
  await api.post(`/v1/applications/${granted}/approval`, { notes: 'All requirements met.' }, { as: 'officer' });
  await api.post(
    `/v1/applications/${refused}/refusal`,
    {
      reasons: [
        {
          ground: 'R200(1)(c)(ii)',
          rule: 'E6',
          explanation:
            'The invitation letter on file was issued by MIFI for another immigration program, not for A76 applicants.',
        },
      ],
    },
    { as: 'officer' },
  );
  clock.set('2024-12-20T14:00:00Z');
  await api.post(
    `/v1/applications/${granted}/work-permit`,
    { issuedOn: '2024-12-20', medical: { examCompleted: true, designatedCountry: false } },
    { as: 'officer' },
  );
  expect((await api.post('/v1/admin/audit/digests', undefined, { as: 'admin' })).status).toBe(201);
  const views = {
    granted: (await api.get(`/v1/applications/${granted}`, { as: 'auditor' })).body,
    afterLetter: (await api.get(`/v1/applications/${granted}/history?revision=2`, { as: 'auditor' })).body,
  };
  await api.close({ keepData: true });
  return { dataDir: api.dataDir, granted, refused, clock, views };
}
