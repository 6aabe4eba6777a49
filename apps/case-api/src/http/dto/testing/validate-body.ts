import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, type FieldError } from '../validation-errors';

/** Validates a plain body the way the API's ValidationPipe does and returns the flattened errors. */
export async function fieldErrorsOf(type: new () => object, body: unknown): Promise<FieldError[]> {
  const instance = plainToInstance(type, body);
  return flattenValidationErrors(await validate(instance, { whitelist: true, forbidNonWhitelisted: true }));
}

export const fieldsOf = (errors: readonly FieldError[]): string[] => errors.map((error) => error.field);
