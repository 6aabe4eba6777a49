import { MAX_BODY_DEPTH, nestsDeeperThan, BodyDepthPipe } from './body-depth.pipe';

const nested = (depth: number): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: [inner] }), 'leaf');

describe('the request body depth limit', () => {
  it('counts objects and arrays as levels, without recursion, even 100,000 deep', () => {
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [[1]] } }, 3)).toBe(true);
    expect(nestsDeeperThan(nested(50_000), MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });

  it('refuses a body nested too deep with a 400 that names the limit, and leaves other arguments alone', () => {
    const pipe = new BodyDepthPipe();
    const deep = nested(MAX_BODY_DEPTH);
    expect(() => pipe.transform(deep, { type: 'body' })).toThrow(`deeper than ${MAX_BODY_DEPTH} levels`);
    expect(pipe.transform(deep, { type: 'query' })).toBe(deep);
    const shallow = nested(MAX_BODY_DEPTH / 2 - 1);
    expect(pipe.transform(shallow, { type: 'body' })).toBe(shallow);
  });
});
