import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ListApplicationsQueryDto } from '../../case/read/queries.dto';
import { SubmitApplicationDto } from '../../case/submit/submit-application.dto';
import { applicant, submitApplication } from '../../case/submit/testing/submit-application.fixture';
import { flattenValidationErrors, type FieldError } from './validation-errors';

class FieldErrorsException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super();
  }
}

/** The pipe as the API configures it, with an exception factory that flattens the errors. */
const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new FieldErrorsException(flattenValidationErrors(errors)),
});

const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function rejection(value: unknown, metadata: ArgumentMetadata): Promise<FieldError[]> {
  const error: unknown = await pipe.transform(value, metadata).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof FieldErrorsException)) throw new Error('expected the pipe to reject the input');
  return error.fieldErrors;
}

describe('flattenValidationErrors behind Nest’s ValidationPipe', () => {
  it('lets a valid body through as an instance of the DTO', async () => {
    const dto = await pipe.transform(submitApplication(), body(SubmitApplicationDto));
    expect(dto).toBeInstanceOf(SubmitApplicationDto);
    expect(dto.applicant.passport.expiresOn).toBe('2031-01-31');
  });

  it('names nested fields, document elements and unknown properties', async () => {
    const input = submitApplication({
      applicant: applicant({ dateOfBirth: '2024-02-30' }),
      documents: ['csq', 'visa'],
      extra: 1,
    });
    expect(await rejection(input, body(SubmitApplicationDto))).toEqual([
      { field: 'extra', message: 'property extra should not exist' },
      { field: 'applicant.dateOfBirth', message: 'dateOfBirth must be a real calendar date (YYYY-MM-DD)' },
      { field: 'documents[1]', message: expect.stringContaining('each element of documents must be one of: csq,') },
    ]);
  });

  it('converts and checks query strings', async () => {
    const query: ArgumentMetadata = { type: 'query', metatype: ListApplicationsQueryDto };
    expect(await pipe.transform({ limit: '20' }, query)).toEqual({ limit: 20 });
    expect(await rejection({ limit: 'all' }, query)).toEqual([
      { field: 'limit', message: 'limit must be an integer number' },
    ]);
  });
});
