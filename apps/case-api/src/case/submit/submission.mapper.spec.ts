import { plainToInstance } from 'class-transformer';
import { SubmitApplicationDto } from './submit-application.dto';
import { SUBMIT_APPLICATION_EXAMPLES } from './submit-application.examples';
import { toSubmission } from './submission.mapper';
import { submitApplication } from './testing/submit-application.fixture';

/** What the mapper gave before it copied without JSON text: the round trip it must stay equal to. */
function viaJsonText(dto: SubmitApplicationDto): unknown {
  const {
    applicationId: _id,
    receivedAt: _at,
    ...submission
  } = JSON.parse(JSON.stringify(dto)) as SubmitApplicationDto;
  return submission;
}

const asDto = (body: unknown): SubmitApplicationDto => plainToInstance(SubmitApplicationDto, body);

describe('toSubmission: the validated body as the domain sees it', () => {
  it.each(Object.entries(SUBMIT_APPLICATION_EXAMPLES))(
    'gives the JSON round trip of the %s example',
    (_name, example) => {
      const dto = asDto({ ...example.value, applicationId: 'a1', receivedAt: '2025-02-10T15:00:00Z' });
      expect(toSubmission(dto)).toStrictEqual(viaJsonText(dto));
    },
  );

  it('gives plain objects at every depth, without the envelope fields or members left undefined', () => {
    const dto = asDto(submitApplication({ applicationId: 'a1', receivedAt: '2025-02-10T15:00:00Z' }));
    (dto as unknown as Record<string, unknown>).unset = undefined;
    const submission = toSubmission(dto) as unknown as Record<string, Record<string, unknown>>;
    expect(submission).toStrictEqual(viaJsonText(dto));
    expect(Object.keys(submission)).not.toContain('applicationId');
    expect(Object.keys(submission)).not.toContain('receivedAt');
    expect(Object.keys(submission)).not.toContain('unset');
    expect(Object.getPrototypeOf(dto.applicant)).not.toBe(Object.prototype);
    expect(Object.getPrototypeOf(submission.applicant)).toBe(Object.prototype);
  });
});
