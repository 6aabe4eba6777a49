import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import fc from 'fast-check';
import { join } from 'node:path';
import { submitApplication, submitSpouseApplication } from '../../../case/submit/testing/submit-application.fixture';
import { RequestValidationError } from '../../problem/problem';
import { flattenValidationErrors } from '../validation-errors';
import { cacheValidationMetadata } from '../validation-metadata-cache';
import { ClassCheckCompiler } from './class-check.compiler';
import { CompiledValidationPipe } from './compiled-validation.pipe';
import { InstanceTransformCompiler, NOT_HANDLED } from './instance-transform.compiler';
import { mutationsOf, variationsOf } from './testing/dto-arbitraries';
import { exampleOf, jsonCopy, type DtoClass } from './testing/dto-schema';
import { routeDtoClasses } from './testing/route-dto-classes';

/**
 * Route DTO classes allowed to go uncompiled (always transformed and validated by class-transformer and
 * class-validator), each with the reason. None today. Their nested classes are held to the fast path
 * below: every valid generated body must be answered by it.
 */
const UNCOMPILED_ALLOWED: Readonly<Record<string, string>> = {};

/** Valid bodies written by hand where the documented examples alone do not make one (cross-field rules). */
const HAND_WRITTEN_SEEDS: Readonly<Record<string, () => Record<string, unknown>[]>> = {
  SubmitApplicationDto: () => [submitApplication(), submitSpouseApplication()],
};

const OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
};
const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false };
const decoratorPipe = new ValidationPipe(OPTIONS);
const compiledPipe = new CompiledValidationPipe(OPTIONS);
cacheValidationMetadata();

const routeDtos = routeDtoClasses(join(__dirname, '..', '..', '..'));

type Outcome = Readonly<{ value?: unknown; errors?: unknown }>;

async function outcomeOf(pipe: ValidationPipe, body: unknown, metadata: ArgumentMetadata): Promise<Outcome> {
  try {
    return { value: await pipe.transform(jsonCopy(body), metadata) };
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    return { errors: error.errors };
  }
}

const prototypeIds = new Map<unknown, string>();
const prototypeId = (prototype: unknown): string => {
  if (!prototypeIds.has(prototype)) prototypeIds.set(prototype, `#${prototypeIds.size}`);
  return prototypeIds.get(prototype) ?? '';
};

/** Every object of `value` with (the identity of) its prototype, so that equal values of different classes differ. */
const withPrototypes = (value: unknown): unknown =>
  typeof value !== 'object' || value === null
    ? value
    : {
        prototype: prototypeId(Object.getPrototypeOf(value)),
        entries: Object.entries(value).map(([key, member]) => [key, withPrototypes(member)]),
      };

async function validSeeds(type: DtoClass, text: boolean): Promise<Record<string, unknown>[]> {
  const candidates = [
    exampleOf(type, text, true),
    exampleOf(type, text, false),
    ...(HAND_WRITTEN_SEEDS[type.name]?.() ?? []),
  ];
  const valid = [];
  for (const candidate of candidates) {
    const errors = await validate(plainToInstance(type, jsonCopy(candidate)), VALIDATOR_OPTIONS);
    if (errors.length === 0) valid.push(candidate);
  }
  return valid;
}

describe('the compiled validation agrees with class-validator on every route DTO', () => {
  it('finds the DTO classes of the routes', () => {
    const names = routeDtos.map((dto) => dto.type.name);
    expect(names).toEqual(expect.arrayContaining(['SubmitApplicationDto', 'HistoryQueryDto', 'ApplicationIdParamDto']));
  });

  it('compiles every route DTO class, apart from the justified exceptions', () => {
    const checks = new ClassCheckCompiler(getMetadataStorage());
    const instances = new InstanceTransformCompiler((type) => checks.propertiesOf(type));
    const uncompiled = routeDtos
      .map((dto) => dto.type)
      .filter((type) => checks.checkOf(type) === null || instances.planOf(type) === null);
    expect(uncompiled.map((type) => type.name).filter((name) => !(name in UNCOMPILED_ALLOWED))).toEqual([]);
  });

  it.each(routeDtos.map((dto) => [`${dto.source} ${dto.type.name}`, dto] as const))('%s', async (_name, dto) => {
    const text = dto.source !== 'body';
    const seeds = await validSeeds(dto.type, text);
    expect(seeds.length).toBeGreaterThan(0); // give the DTO examples, or a hand-written seed, that are valid
    const metadata: ArgumentMetadata = { type: dto.source, metatype: dto.type };
    const tally = { valid: 0, invalid: 0 };
    const bodies = fc.constantFrom(...seeds).chain((seed) => {
      const variations = variationsOf(dto.type, seed, text);
      return fc.oneof(fc.constant(seed), variations, mutationsOf(dto.type, variations));
    });
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const byDecorators = await validate(plainToInstance(dto.type, jsonCopy(body)), VALIDATOR_OPTIONS);
        const compiled = compiledPipe.acceptsCompiled(plainToInstance(dto.type, jsonCopy(body)), VALIDATOR_OPTIONS);
        expect(compiled).toBe(byDecorators.length === 0);
        const fast = compiledPipe.fastPath(jsonCopy(body), metadata);
        if (compiled) expect(withPrototypes(fast)).toEqual(withPrototypes(plainToInstance(dto.type, jsonCopy(body))));
        else expect(fast).toBe(NOT_HANDLED);
        tally[compiled ? 'valid' : 'invalid'] += 1;
        const [expected, actual] = [
          await outcomeOf(decoratorPipe, body, metadata),
          await outcomeOf(compiledPipe, body, metadata),
        ];
        expect(actual.errors).toEqual(expected.errors);
        expect(withPrototypes(actual.value)).toEqual(withPrototypes(expected.value));
        if (expected.value !== undefined) expect(actual.value).toBeInstanceOf(dto.type);
      }),
      { numRuns: 120 },
    );
    expect(tally.valid).toBeGreaterThan(0);
    expect(tally.invalid).toBeGreaterThan(0);
  });
});
