import { HttpException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Expose, Transform, Type, plainToInstance } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { CompiledValidationPipe } from './compiled-validation.pipe';
import { NOT_HANDLED } from './instance-transform.compiler';

class LineDto {
  @IsString()
  label!: string;
}

class OrderDto {
  @IsInt()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  count!: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines?: LineDto[];
}

class RenamedDto {
  @Expose({ name: 'full_name' })
  @IsString()
  fullName!: string;
}

const options = { whitelist: true, forbidNonWhitelisted: true, transform: true };
const compiled = new CompiledValidationPipe(options);
const plain = new ValidationPipe(options);
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
const json = (text: string): unknown => JSON.parse(text);
/** A query as fast-querystring (Fastify's parser) builds it: `new Empty()`, Empty.prototype = Object.create(null). */
function fastifyQuery(values: Record<string, string>): object {
  const Empty = function (this: object) {} as unknown as new () => object;
  Empty.prototype = Object.create(null) as object;
  return Object.assign(new Empty(), values);
}

async function answerOf(pipe: ValidationPipe, value: unknown, metatype: ArgumentMetadata['metatype']) {
  return pipe.transform(value, body(metatype)).then(
    (dto: unknown) => ({ dto }),
    (error: unknown) => ({ error: error instanceof HttpException ? error.getResponse() : error }),
  );
}

describe('InstanceTransformCompiler behind CompiledValidationPipe', () => {
  it('builds the instances class-transformer builds: @Type classes, @Transform conversions', () => {
    const input = { count: '3', lines: [{ label: 'a' }, { label: 'b' }] };
    const dto = compiled.fastPath(json(JSON.stringify(input)), body(OrderDto));
    expect(dto).toEqual(plainToInstance(OrderDto, input));
    expect(dto).toBeInstanceOf(OrderDto);
    expect((dto as OrderDto).count).toBe(3);
    expect((dto as OrderDto).lines?.[1]).toBeInstanceOf(LineDto);
  });

  it('never compiles a class with @Expose, and answers for it as Nest’s pipe does', async () => {
    expect(compiled.fastPath({ full_name: 'Ada' }, body(RenamedDto))).toBe(NOT_HANDLED);
    const answer = await answerOf(compiled, { full_name: 'Ada' }, RenamedDto);
    expect(answer).toEqual(await answerOf(plain, { full_name: 'Ada' }, RenamedDto));
    expect(answer).toEqual({ dto: expect.any(RenamedDto) });
  });

  it.each([
    ['a prototype key', '{"count": 1, "__proto__": {"polluted": true}}'],
    ['a constructor key', '{"count": 1, "constructor": {"prototype": {}}}'],
    ['a key class-transformer skips', '{"count": 1, "toString": 1}'],
    ['a nested prototype key', '{"count": 1, "lines": [{"label": "a", "constructor": 1}]}'],
  ])('leaves %s to Nest’s pipe, which answers as before', async (_case, text) => {
    expect(compiled.fastPath(json(text), body(OrderDto))).toBe(NOT_HANDLED);
    expect(await answerOf(compiled, json(text), OrderDto)).toEqual(await answerOf(plain, json(text), OrderDto));
  });

  it('takes a query as Fastify parses it (its prototype an empty object without one) and builds what class-transformer builds', () => {
    const query = fastifyQuery({ count: '3' });
    expect(Object.getPrototypeOf(query)).not.toBeNull();
    const dto = compiled.fastPath(query, { type: 'query', metatype: OrderDto });
    expect(dto).not.toBe(NOT_HANDLED);
    expect(dto).toEqual(plainToInstance(OrderDto, { count: '3' }));
    const inherited = Object.create(Object.assign(Object.create(null) as object, { count: '4' })) as object;
    expect(compiled.fastPath(inherited, { type: 'query', metatype: OrderDto })).toBe(NOT_HANDLED);
  });

  it('leaves values JSON cannot hold to Nest’s pipe', () => {
    const sparse: unknown[] = [];
    sparse[1] = { label: 'a' };
    for (const odd of [{ count: new Date(0) }, { count: 1, lines: sparse }, { count: 1, lines: [new Map()] }]) {
      expect(compiled.fastPath(odd, body(OrderDto))).toBe(NOT_HANDLED);
    }
    expect(compiled.fastPath([{ count: 1 }], body(OrderDto))).toBe(NOT_HANDLED);
    expect(compiled.fastPath(null, body(OrderDto))).toBe(NOT_HANDLED);
  });

  it('takes no fast path for an invalid value, so the errors are class-validator’s', async () => {
    const invalid = { count: 'three', lines: [{ label: 1 }] };
    expect(compiled.fastPath(invalid, body(OrderDto))).toBe(NOT_HANDLED);
    expect(await answerOf(compiled, invalid, OrderDto)).toEqual(await answerOf(plain, invalid, OrderDto));
  });
});
