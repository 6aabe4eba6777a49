import { IssueBiometricInstructionLetterDto, RecordBiometricsDto } from '../../case/processing/biometrics.dto';
import { ApproveApplicationDto, RefuseApplicationDto } from '../../case/decisions/decision.dto';
import { DecideExtensionDto, RequestExtensionDto } from '../../case/processing/extension.dto';
import { fieldErrorsOf, fieldsOf } from './testing/validate-body';
import { WithdrawApplicationDto } from '../../case/decisions/withdrawal.dto';
import { IssueWorkPermitDto } from '../../case/processing/work-permit.dto';

type Body = Record<string, unknown>;

const approval = (overrides: Body = {}): Body => ({
  notes: 'Eligibility confirmed; biometrics enrolled 2024-12-20.',
  overrides: [{ rule: 'D3', justification: 'Residence in Ontario verified from the 2023 CRA notice of assessment.' }],
  ...overrides,
});
const refusalReason = (overrides: Body = {}): Body => ({
  ground: 'R200(1)(c)(ii)',
  rule: 'E6',
  explanation: 'The invitation letter is dated 2025-02-03, after MIFI stopped issuing A76 invitations.',
  ...overrides,
});
const workPermit = (medical: Body = {}): Body => ({
  issuedOn: '2025-01-10',
  medical: { examCompleted: true, designatedCountry: false, result: 'M1', ...medical },
});
const extensionRequest = (prApplication: Body = {}): Body => ({
  requestedOn: '2027-11-15',
  prApplication: { number: 'E001234567', submittedOn: '2024-03-15', aorReceivedOn: '2024-04-10', ...prApplication },
});
const extensionDecision = (overrides: Body = {}): Body => ({
  outcome: 'approved',
  months: 12,
  reasons: ['PR application E001234567 still in processing.'],
  ...overrides,
});

describe('command bodies', () => {
  it.each([
    ['IssueBiometricInstructionLetterDto', IssueBiometricInstructionLetterDto, { issuedAt: '2024-12-03T14:03:00Z' }],
    ['IssueBiometricInstructionLetterDto (empty)', IssueBiometricInstructionLetterDto, {}],
    [
      'RecordBiometricsDto',
      RecordBiometricsDto,
      { enrolledAt: '2024-12-20T15:30:00Z', location: 'Service Canada Centre, Toronto ON' },
    ],
    ['ApproveApplicationDto', ApproveApplicationDto, approval()],
    ['ApproveApplicationDto (no overrides)', ApproveApplicationDto, approval({ overrides: undefined })],
    ['RefuseApplicationDto', RefuseApplicationDto, { reasons: [refusalReason()] }],
    ['RefuseApplicationDto (no reasons: R1 is the domain)', RefuseApplicationDto, { reasons: [] }],
    [
      'RefuseApplicationDto (empty explanation: R1 is the domain)',
      RefuseApplicationDto,
      { reasons: [refusalReason({ rule: undefined, explanation: '' })] },
    ],
    [
      'WithdrawApplicationDto',
      WithdrawApplicationDto,
      { requestedAt: '2024-12-10T09:15:00Z', reason: 'Changed plans.' },
    ],
    ['WithdrawApplicationDto (empty)', WithdrawApplicationDto, {}],
    ['IssueWorkPermitDto', IssueWorkPermitDto, workPermit()],
    [
      'IssueWorkPermitDto (no exam)',
      IssueWorkPermitDto,
      workPermit({ examCompleted: false, designatedCountry: true, result: undefined }),
    ],
    ['RequestExtensionDto', RequestExtensionDto, extensionRequest()],
    ['DecideExtensionDto', DecideExtensionDto, extensionDecision()],
    ['DecideExtensionDto (refused)', DecideExtensionDto, extensionDecision({ outcome: 'refused', months: undefined })],
  ] as const)('accept a valid %s', async (_name, type, body) => {
    expect(await fieldErrorsOf(type, body)).toEqual([]);
  });

  describe('biometrics', () => {
    it('name a non-UTC or unreal issuedAt and a missing enrolment', async () => {
      expect(fieldsOf(await fieldErrorsOf(IssueBiometricInstructionLetterDto, { issuedAt: '2024-12-03' }))).toEqual([
        'issuedAt',
      ]);
      expect(await fieldErrorsOf(RecordBiometricsDto, { enrolledAt: '2024-11-31T10:00:00Z' })).toEqual([
        {
          field: 'enrolledAt',
          message: 'enrolledAt must be a UTC instant in ISO-8601 form with Z, e.g. 2024-12-02T14:03:00Z',
        },
        { field: 'location', message: 'location is required' },
      ]);
    });
  });

  describe('free text and single-line text', () => {
    it('lets notes, justifications, explanations and reasons span lines, and keeps names and places on one', async () => {
      const lines = 'First line.\r\n\tSecond line.';
      expect(
        await fieldErrorsOf(
          ApproveApplicationDto,
          approval({ notes: lines, overrides: [{ rule: 'D3', justification: lines }] }),
        ),
      ).toEqual([]);
      expect(await fieldErrorsOf(RefuseApplicationDto, { reasons: [refusalReason({ explanation: lines })] })).toEqual(
        [],
      );
      expect(await fieldErrorsOf(WithdrawApplicationDto, { reason: lines })).toEqual([]);
      expect(
        await fieldErrorsOf(RecordBiometricsDto, { enrolledAt: '2024-12-20T15:30:00Z', location: 'Toronto\nON' }),
      ).toEqual([{ field: 'location', message: 'location must be a single line: no line breaks or tabs' }]);
      expect(
        fieldsOf(
          await fieldErrorsOf(ApproveApplicationDto, approval({ overrides: [{ rule: 'D3\t', justification: 'x' }] })),
        ),
      ).toEqual(['overrides[0].rule']);
    });
  });

  describe('approval', () => {
    it('names missing notes and a malformed override by index', async () => {
      const overrides = [
        { rule: 'E4', justification: 'PR application filed before the CSQ expired.' },
        { rule: 'E44x', justification: 'x' },
      ];
      const errors = await fieldErrorsOf(ApproveApplicationDto, approval({ notes: undefined, overrides }));
      expect(fieldsOf(errors)).toEqual(['notes', 'overrides[1].rule']);
    });

    it('refuses two overrides of the same rule', async () => {
      const overrides = [
        { rule: 'E4', justification: 'first' },
        { rule: 'E4', justification: 'second' },
      ];
      expect(await fieldErrorsOf(ApproveApplicationDto, approval({ overrides }))).toEqual([
        { field: 'overrides', message: 'overrides must not override the same rule twice' },
      ]);
    });
  });

  describe('refusal', () => {
    it('names each bad member of each reason', async () => {
      const reasons = [refusalReason(), { ground: 200, explanation: 5 }, refusalReason({ rule: 'E6(a)' })]; // a ground's shape is the domain's (R4)
      expect(fieldsOf(await fieldErrorsOf(RefuseApplicationDto, { reasons }))).toEqual([
        'reasons[1].ground',
        'reasons[1].explanation',
        'reasons[2].rule',
      ]);
    });

    it.each([
      ['a string', 'no letter', [{ field: 'reasons', message: 'reasons must be an array' }]],
      ['an object', refusalReason(), [{ field: 'reasons', message: 'reasons must be an array' }]],
      ['missing', undefined, [{ field: 'reasons', message: 'reasons is required' }]],
      [
        'a list of texts',
        ['no letter'],
        [{ field: 'reasons[0]', message: 'each element of reasons must be an object' }],
      ],
      [
        'a list of lists',
        [[refusalReason()]],
        [{ field: 'reasons[0]', message: 'each element of reasons must be an object' }],
      ],
      [
        'a list with null',
        [refusalReason(), null],
        [{ field: 'reasons[1]', message: 'each element of reasons must be an object' }],
      ],
    ])('names reasons that are %s', async (_kind, reasons, expected) => {
      expect(await fieldErrorsOf(RefuseApplicationDto, { reasons })).toEqual(expected);
    });

    it('refuses more than 50 reasons, once, and a huge explanation', async () => {
      const many = Array.from({ length: 51 }, () => refusalReason({ ground: 'none' }));
      expect(await fieldErrorsOf(RefuseApplicationDto, { reasons: many })).toEqual([
        { field: 'reasons', message: 'reasons must have at most 50 elements' },
      ]);
      const huge = [refusalReason({ explanation: 'x'.repeat(4001) })];
      expect(fieldsOf(await fieldErrorsOf(RefuseApplicationDto, { reasons: huge }))).toEqual([
        'reasons[0].explanation',
      ]);
    });
  });

  describe('work permit', () => {
    it('names a missing medical block and an unreal issue date', async () => {
      expect(await fieldErrorsOf(IssueWorkPermitDto, { issuedOn: '2025-02-29' })).toEqual([
        { field: 'issuedOn', message: 'issuedOn must be a real calendar date (YYYY-MM-DD)' },
        { field: 'medical', message: 'medical is required' },
      ]);
    });

    it.each(['M7', 'S2.01', 'passed', 'm1'])('names an unknown medical result %s', async (result) => {
      expect(fieldsOf(await fieldErrorsOf(IssueWorkPermitDto, workPermit({ result })))).toEqual(['medical.result']);
    });

    it('refuses a result when no exam was completed', async () => {
      expect(await fieldErrorsOf(IssueWorkPermitDto, workPermit({ examCompleted: false, result: 'M1' }))).toEqual([
        { field: 'medical.result', message: 'result must be absent when examCompleted is false' },
      ]);
    });
  });

  describe('extensions', () => {
    it('names the PR application fields of a request', async () => {
      const body = extensionRequest({ submittedOn: '2024-02-30', number: undefined, status: 'in-progress' });
      expect(fieldsOf(await fieldErrorsOf(RequestExtensionDto, body))).toEqual([
        'prApplication.status',
        'prApplication.number',
        'prApplication.submittedOn',
      ]);
    });

    it.each([0, 37, 12.5, '12'])('names months %s', async (months) => {
      expect(fieldsOf(await fieldErrorsOf(DecideExtensionDto, extensionDecision({ months })))).toEqual(['months']);
    });

    it('refuses months on a refusal', async () => {
      expect(await fieldErrorsOf(DecideExtensionDto, extensionDecision({ outcome: 'refused' }))).toEqual([
        { field: 'months', message: 'months must be absent when outcome is refused' },
      ]);
    });

    it('names each bad reason by index', async () => {
      const reasons = ['fine', 7, 'r'.repeat(4001)];
      expect(await fieldErrorsOf(DecideExtensionDto, extensionDecision({ reasons }))).toEqual([
        { field: 'reasons[1]', message: 'each element of reasons must be a string' },
        { field: 'reasons[2]', message: 'each element of reasons must be at most 4000 characters' },
      ]);
    });

    it('names an unknown outcome', async () => {
      expect(fieldsOf(await fieldErrorsOf(DecideExtensionDto, extensionDecision({ outcome: 'deferred' })))).toEqual([
        'outcome',
      ]);
    });
  });
});
