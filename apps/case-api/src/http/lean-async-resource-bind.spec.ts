import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installLeanAsyncResourceBind } from './lean-async-resource-bind';

describe('installLeanAsyncResourceBind: AsyncResource bind (static and instance) without the deprecated accessor', () => {
  const context = new AsyncLocalStorage<string>();
  beforeAll(() => {
    installLeanAsyncResourceBind();
    installLeanAsyncResourceBind();
  });

  it('runs the function in the async context of the bind, not of the call', async () => {
    const bound = context.run('request-1', () => AsyncResource.bind(() => context.getStore()));
    expect(context.run('request-2', bound)).toBe('request-1');
    const later = context.run('request-3', () => AsyncResource.bind(async () => Promise.resolve(context.getStore())));
    await expect(later()).resolves.toBe('request-3');
  });

  it("keeps the caller's this (or thisArg), the arguments, the result and the function's length", () => {
    function describeCall(this: unknown, first: number, second: number): string {
      return `${(this as { name?: string } | undefined)?.name ?? 'nobody'}:${first + second}`;
    }
    const bound = AsyncResource.bind(describeCall);
    expect(bound.call({ name: 'caller' }, 1, 2)).toBe('caller:3');
    expect(AsyncResource.bind(describeCall, 'Test', { name: 'fixed' }).call({ name: 'caller' }, 2, 2)).toBe('fixed:4');
    expect(bound.length).toBe(2);
  });

  it('defines no asyncResource accessor (DEP0172), so binding creates no util.deprecate wrappers', () => {
    const bound = AsyncResource.bind(() => 1);
    expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
    expect(() => AsyncResource.bind('not a function' as never)).toThrow(/"fn" argument must be of type function/);
  });

  it("binds an instance's bind to that resource's async context, as Fastify's body parsing does", async () => {
    const resource = context.run('request-4', () => new AsyncResource('content-type-parser:run'));
    const bound = context.run('request-5', () => resource.bind(() => context.getStore()));
    expect(context.run('request-6', bound)).toBe('request-4');
    const later = context.run('request-7', () => new AsyncResource('Test').bind(async () => context.getStore()));
    await expect(later()).resolves.toBe('request-7');
  });

  it("keeps on an instance's bind the caller's this (or thisArg), the arguments, the result and the length", () => {
    function describeCall(this: unknown, first: number, second: number): string {
      return `${(this as { name?: string } | undefined)?.name ?? 'nobody'}:${first + second}`;
    }
    const bound = new AsyncResource('Test').bind(describeCall);
    expect(bound.call({ name: 'caller' }, 1, 2)).toBe('caller:3');
    /** Node's instance `bind(fn, thisArg)`: its types declare only `fn`. */
    const bindWithThis = new AsyncResource('Test').bind as (
      fn: typeof describeCall,
      thisArg: unknown,
    ) => typeof describeCall;
    const fixed = bindWithThis.call(new AsyncResource('Test'), describeCall, { name: 'fixed' });
    expect(fixed.call({ name: 'caller' }, 2, 2)).toBe('fixed:4');
    expect(bound.length).toBe(2);
  });

  it('defines no asyncResource accessor on an instance-bound function either, and rejects a non-function', () => {
    const bound = new AsyncResource('Test').bind(() => 1);
    expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
    expect(() => new AsyncResource('Test').bind('not a function' as never)).toThrow(
      /"fn" argument must be of type function/,
    );
  });
});
