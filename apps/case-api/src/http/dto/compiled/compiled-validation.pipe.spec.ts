import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import * as classValidator from 'class-validator';
import {
  IsInt,
  IsString,
  MaxLength,
  ValidateBy,
  ValidatePromise,
  getMetadataStorage,
  registerDecorator,
} from 'class-validator';
import { ClassCheckCompiler } from './class-check.compiler';
import { CompiledValidationPipe } from './compiled-validation.pipe';

class NoteDto {
  @IsString()
  @MaxLength(5)
  text!: string;
}

/** A rule registered as asynchronous: only class-validator awaits it. */
class AsyncRuleDto {
  code!: string;
}
registerDecorator({
  name: 'isEventually',
  async: true,
  target: AsyncRuleDto,
  propertyName: 'code',
  validator: { validate: (value: unknown) => Promise.resolve(value === 'ok') },
});

/** Declared synchronous, yet answers with a promise: the compiled check cannot read it. */
class ThenableRuleDto {
  @ValidateBy({ name: 'isLate', validator: { validate: (value) => Promise.resolve(value === 'ok') } })
  code!: string;
}

class PromisedDto {
  @ValidatePromise()
  @IsInt()
  count!: number;
}

const options = { whitelist: true, forbidNonWhitelisted: true, transform: true };
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function errorsOf(
  pipe: ValidationPipe,
  value: unknown,
  metatype: ArgumentMetadata['metatype'],
): Promise<unknown> {
  const caught: unknown = await pipe.transform(value, body(metatype)).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(caught instanceof BadRequestException)) throw new Error('expected a rejection');
  return caught.getResponse();
}

describe('CompiledValidationPipe', () => {
  let classValidatorRuns: jest.SpyInstance;
  beforeEach(() => (classValidatorRuns = jest.spyOn(classValidator, 'validate')));
  afterEach(() => classValidatorRuns.mockRestore());

  it('accepts a valid body on the compiled path, without class-validator, as an instance of the DTO', async () => {
    const dto: unknown = await new CompiledValidationPipe(options).transform({ text: 'hi' }, body(NoteDto));
    expect(dto).toBeInstanceOf(NoteDto);
    expect(dto).toEqual({ text: 'hi' });
    expect(classValidatorRuns).not.toHaveBeenCalled();
  });

  it('hands an invalid body to class-validator, whose errors are answered unchanged', async () => {
    for (const invalid of [{ text: 'too long' }, { text: 1 }, {}, { text: 'hi', extra: true }]) {
      const compiled = await errorsOf(new CompiledValidationPipe(options), structuredClone(invalid), NoteDto);
      expect(classValidatorRuns).toHaveBeenCalled();
      expect(compiled).toEqual(await errorsOf(new ValidationPipe(options), structuredClone(invalid), NoteDto));
    }
  });

  it('never compiles a class with an asynchronous rule or a promise rule, and validates it with class-validator', async () => {
    const compiler = new ClassCheckCompiler(getMetadataStorage());
    expect(compiler.checkOf(AsyncRuleDto)).toBeNull();
    expect(compiler.checkOf(PromisedDto)).toBeNull();
    expect(compiler.checkOf(NoteDto)).not.toBeNull();
    const pipe = new CompiledValidationPipe(options);
    await expect(pipe.transform({ code: 'ok' }, body(AsyncRuleDto))).resolves.toEqual({ code: 'ok' });
    expect(classValidatorRuns).toHaveBeenCalledTimes(1);
    expect(await errorsOf(pipe, { code: 'no' }, AsyncRuleDto)).toEqual(
      await errorsOf(new ValidationPipe(options), { code: 'no' }, AsyncRuleDto),
    );
  });

  it('leaves a verdict given as a promise to class-validator', async () => {
    const pipe = new CompiledValidationPipe(options);
    expect(
      pipe.acceptsCompiled(Object.assign(new ThenableRuleDto(), { code: 'ok' }), {
        ...options,
        forbidUnknownValues: false,
      }),
    ).toBe(false);
    await expect(pipe.transform({ code: 'ok' }, body(ThenableRuleDto))).resolves.toBeInstanceOf(ThenableRuleDto);
    expect(classValidatorRuns).toHaveBeenCalledTimes(1);
  });

  it("answers without a promise what needs no class-validator run, as Nest's pipe resolves it", async () => {
    const pipe = new CompiledValidationPipe(options);
    const nest = new ValidationPipe(options);
    expect(pipe.transform({ text: 'hi' }, body(NoteDto))).toBeInstanceOf(NoteDto);
    const caller = { principal: 'auditor' };
    const custom: ArgumentMetadata = { type: 'custom', metatype: Object };
    expect(pipe.transform(caller, custom)).toBe(caller);
    expect(await nest.transform(caller, custom)).toBe(caller);
    const revision: ArgumentMetadata = { type: 'query', metatype: Number, data: 'revision' };
    expect(pipe.transform('7', revision)).toBe(7);
    expect(await nest.transform('7', revision)).toBe(7);
    const refused: unknown = pipe.transform({ text: 'too long' }, body(NoteDto));
    expect(refused).toBeInstanceOf(Promise);
    await expect(refused).rejects.toBeInstanceOf(BadRequestException);
    expect(classValidatorRuns).toHaveBeenCalledTimes(1);
  });

  it('takes the compiled path only under the options it was compiled for', async () => {
    const skipping = new CompiledValidationPipe({ ...options, skipMissingProperties: true });
    await expect(skipping.transform({ text: 'hi' }, body(NoteDto))).resolves.toEqual({ text: 'hi' });
    expect(classValidatorRuns).toHaveBeenCalledTimes(1);
    const stripping = new CompiledValidationPipe({ whitelist: true, transform: true });
    await expect(stripping.transform({ text: 'hi', extra: 1 }, body(NoteDto))).resolves.toEqual({ text: 'hi' });
    expect(classValidatorRuns).toHaveBeenCalledTimes(2);
  });
});
