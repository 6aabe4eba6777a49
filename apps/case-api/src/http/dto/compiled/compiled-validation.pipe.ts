import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ClassCheckCompiler } from './class-check.compiler';

/**
 * The validator options the compiled checks decide for: class-validator's with `whitelist` and
 * `forbidNonWhitelisted` and nothing else that changes which objects are valid. Nest adds
 * `forbidUnknownValues: false` and `validationError` (which only shapes the error objects).
 */
const COMPILED_FOR: Readonly<Record<string, unknown>> = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: false,
};
const SHAPING_ONLY = new Set(['validationError']);

function compiledFor(options: ValidatorOptions | undefined): boolean {
  if (!options) return false;
  const keys = Object.keys(options).filter((key) => !SHAPING_ONLY.has(key));
  const expected = Object.keys(COMPILED_FOR);
  return (
    keys.length === expected.length &&
    expected.every((key) => (options as Record<string, unknown>)[key] === COMPILED_FOR[key])
  );
}

/**
 * Nest's ValidationPipe with a fast accept path: the instance class-transformer built is first put
 * to the check compiled from its class's decorators (`ClassCheckCompiler`). When that accepts, no
 * `ValidationError` is built; otherwise (an invalid value, a class or an option the compiler does
 * not understand) class-validator runs exactly as before, so every error answer is unchanged. The
 * conversion (class-transformer), prototype stripping and the rest of Nest's pipe are untouched.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly compiler = new ClassCheckCompiler(getMetadataStorage());

  constructor(options?: ValidationPipeOptions) {
    super(options);
  }

  /** Whether the compiled path decides for `object` under `options` and accepts it. */
  acceptsCompiled(object: object, options: ValidatorOptions | undefined): boolean {
    return compiledFor(options) && !Object.hasOwn(object, 'constructor') && this.compiler.accepts(object);
  }

  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    if (this.acceptsCompiled(object, validatorOptions)) return [];
    return super.validate(object, validatorOptions);
  }
}
