import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_TIMEOUT_MS, PERSONAL_DATA, caseDataDir, runAuditCli } from './support/audit-cli';
import { findAll, parseXml, textOf, type XmlElement } from './support/xml-tree';

const EVENT_TYPES = [
  'ApplicationReceived',
  'IntakeNumberAssigned',
  'BiometricInstructionLetterIssued',
  'BiometricsEnrolled',
  'ApplicationApproved',
  'WorkPermitIssued',
];
const attribute = (element: XmlElement, name: string) => element.attributes[name];

describe('the HTML audit report (export --format html)', () => {
  let data: Awaited<ReturnType<typeof caseDataDir>>;
  let html: string;
  let page: XmlElement;
  beforeAll(async () => {
    data = await caseDataDir();
    const run = await runAuditCli(['--data-dir', data.dataDir, 'export', data.granted, '--format', 'html']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    html = run.stdout;
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    page = parseXml(html.slice('<!DOCTYPE html>\n'.length).trim());
  }, CLI_TIMEOUT_MS);
  afterAll(() => rmSync(data.dataDir, { recursive: true, force: true }));

  it('is one well-formed, self-contained page: no script, no external resource', () => {
    expect(page.name).toBe('html');
    expect(findAll(page, 'script')).toEqual([]);
    expect(findAll(page, 'link')).toEqual([]);
    expect(findAll(page, 'img')).toEqual([]);
    expect(html.match(/https?:\/\/[^"\s<]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('draws the timeline as an SVG with one linked marker per event, in revision order', () => {
    const [svg] = findAll(page, 'svg');
    expect(attribute(svg, 'xmlns')).toBe('http://www.w3.org/2000/svg');
    const markers = findAll(svg, 'a');
    expect(markers.map((marker) => attribute(marker, 'href'))).toEqual(
      EVENT_TYPES.map((_, revision) => `#event-${revision}`),
    );
    expect(findAll(svg, 'circle')).toHaveLength(EVENT_TYPES.length);
    const xs = findAll(svg, 'circle').map((circle) => Number(attribute(circle, 'cx')));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(markers.map((marker) => findAll(marker, 'text').map(textOf)[1])).toEqual(EVENT_TYPES);
    expect(textOf(findAll(markers[4], 'title')[0])).toBe('4: Approved by test-officer (test-officer (officer))');
    expect(Number(attribute(svg, 'width'))).toBeGreaterThan(Math.max(...xs));
  });

  it('details every event: the section each marker links to, with its metadata and data', () => {
    const sections = findAll(page, 'section');
    expect(sections.map((section) => attribute(section, 'id'))).toEqual(
      EVENT_TYPES.map((_, revision) => `event-${revision}`),
    );
    for (const [revision, section] of sections.entries()) {
      expect(textOf(findAll(section, 'h2')[0])).toBe(`${revision}. ${EVENT_TYPES[revision]}`);
      const terms = findAll(section, 'dt').map(textOf);
      expect(terms).toEqual(expect.arrayContaining(['Recorded at', 'By', 'What', 'Why', 'Hash', 'Previous hash']));
      const hash = textOf(findAll(section, 'dd')[terms.indexOf('Hash')]);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(textOf(findAll(section, 'pre')[0]))).toEqual(expect.any(Object));
    }
    expect(textOf(findAll(page, 'p').find((p) => attribute(p, 'class')?.startsWith('verdict')) as XmlElement)).toMatch(
      /^Verified: 6 events/,
    );
  });

  it(
    'redacts names, dates of birth, passport, CSQ and invitation letter numbers unless asked to include them',
    async () => {
      for (const secret of PERSONAL_DATA) expect(html).not.toContain(secret);
      expect(html).toContain('[redacted]');
      expect(html).toContain(
        'Personal data (family name, given names, date of birth, passport number, CSQ number, invitation letter number, PR application number) is redacted',
      );
      const output = join(data.dataDir, 'with-personal-data.html');
      const run = await runAuditCli([
        '--data-dir',
        data.dataDir,
        'export',
        data.granted,
        '--format',
        'html',
        '--include-personal-data',
        '--output',
        output,
      ]);
      expect(run).toMatchObject({ code: 0, stdout: '' });
      const full = readFileSync(output, 'utf8');
      for (const secret of PERSONAL_DATA) expect(full).toContain(secret);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'redacts every classified field in JSON, and the number inside a C6 duplicate key',
    async () => {
      const run = await runAuditCli(['--data-dir', data.dataDir, 'export', data.refused, '--format', 'json']);
      const exported = JSON.parse(run.stdout);
      expect(exported.personalData).toBe('redacted');
      const [received] = exported.events;
      expect(received.data.submission).toMatchObject({
        applicant: {
          familyName: '[redacted]',
          givenNames: '[redacted]',
          dateOfBirth: '[redacted]',
          citizenship: 'FRA',
          passport: { number: '[redacted]', country: 'FRA', expiresOn: '2031-01-31' },
        },
        csq: { number: '[redacted]', issuedOn: '2023-09-01' },
        invitationLetter: { number: '[redacted]', issuedOn: '2024-11-01' },
      });
      const flagged = exported.events.find((event: { type: string }) => event.type === 'PossibleDuplicateFlagged');
      expect(flagged.data).toEqual({ duplicateOfApplicationId: data.granted, key: 'csq:[redacted]' });
      expect(run.stdout).not.toContain('CSQ2023004211');
      const full = await runAuditCli([
        '--data-dir',
        data.dataDir,
        'export',
        data.refused,
        '--format',
        'json',
        '--include-personal-data',
      ]);
      expect(JSON.parse(full.stdout)).toMatchObject({
        personalData: 'included',
        events: expect.arrayContaining([
          expect.objectContaining({ data: { duplicateOfApplicationId: data.granted, key: 'csq:CSQ2023004211' } }),
        ]),
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'exports the same events as CSV, one quoted row per event',
    async () => {
      const csv = (await runAuditCli(['--data-dir', data.dataDir, 'export', data.granted, '--format', 'csv'])).stdout;
      const rows = csv.trimEnd().split('\r\n');
      expect(rows[0]).toBe(
        'revision,position,recordedAt,type,actor,what,why,commandId,correlationId,causationId,hash,data',
      );
      expect(rows.slice(1).map((row) => row.split(',')[3])).toEqual(EVENT_TYPES);
      for (const secret of PERSONAL_DATA) expect(csv).not.toContain(secret);
    },
    CLI_TIMEOUT_MS,
  );
});
