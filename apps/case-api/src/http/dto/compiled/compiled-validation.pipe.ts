import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ClassCheckCompiler } from './class-check.compiler';
import { InstanceTransformCompiler, NOT_HANDLED } from './instance-transform.compiler';

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

type Constructor = new () => object;

/**
 * Nest's ValidationPipe with a fast accept path compiled from the DTO classes' decorators: a
 * JSON-shaped object is turned into its instance by `InstanceTransformCompiler` (class-transformer's
 * steps, compiled) and put to the check compiled by `ClassCheckCompiler` (class-validator's rules,
 * compiled). When both vouch for it, that instance is the answer and no `ValidationError` is built.
 * Otherwise — an invalid value, a shape or class or option the compilers do not understand — Nest's
 * pipe runs unchanged on the untouched value (its own class-validator run still tries the compiled
 * check first), so every error answer stays exactly what it was.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly checks = new ClassCheckCompiler(getMetadataStorage());
  private readonly instances = new InstanceTransformCompiler((type) => this.checks.propertiesOf(type));
  private readonly fastPathOn: boolean;

  constructor(options?: ValidationPipeOptions) {
    super(options);
    this.fastPathOn =
      this.isTransformEnabled &&
      this.transformOptions === undefined &&
      this.expectedType === undefined &&
      compiledFor({ ...this.validatorOptions });
  }

  /**
   * Not `async`: Nest awaits whatever a pipe returns, and every promise costs the request path
   * (each one also runs the async-context hooks), so an answer known at once is returned as it is.
   * That is the compiled path's instance, or the value Nest's pipe passes through untouched (a
   * custom decorator's, or one without a class to validate), as its `transform` begins.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ValidationPipe's `transform` is typed `Promise<any>`
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    const accepted = this.fastPath(value, metadata);
    if (accepted !== NOT_HANDLED) return accepted;
    if (this.expectedType === undefined && (!metadata.metatype || !this.toValidate(metadata)))
      return this.isTransformEnabled ? this.transformPrimitive(value, metadata) : value;
    return super.transform(value, metadata);
  }

  /** The instance the pipe would answer for `value`, when the compiled path can vouch for it; else NOT_HANDLED. */
  fastPath(value: unknown, metadata: ArgumentMetadata): unknown {
    const type = metadata.metatype as Constructor | undefined;
    if (!this.fastPathOn || !type || !this.toValidate(metadata)) return NOT_HANDLED;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return NOT_HANDLED;
    const instance = this.instances.toInstance(type, value);
    if (instance === NOT_HANDLED || Object.getPrototypeOf(instance) !== type.prototype) return NOT_HANDLED;
    return this.checks.accepts(instance as object) ? instance : NOT_HANDLED;
  }

  /** Whether the compiled check decides for `object` under `options` and accepts it. */
  acceptsCompiled(object: object, options: ValidatorOptions | undefined): boolean {
    return compiledFor(options) && !Object.hasOwn(object, 'constructor') && this.checks.accepts(object);
  }

  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    if (this.acceptsCompiled(object, validatorOptions)) return [];
    return super.validate(object, validatorOptions);
  }
}
