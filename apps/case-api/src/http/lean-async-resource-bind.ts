import { AsyncResource } from 'node:async_hooks';

const INSTALLED = Symbol.for('impplus:lean-async-resource-bind');
type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;
type Bind = (this: AsyncResource, fn: AnyFunction, thisArg?: unknown) => AnyFunction;

/**
 * Nest runs every request through `AsyncResource.bind` (twice with one global interceptor), and
 * Fastify binds each request's body parsing with `new AsyncResource(...).bind(onDone)`. Node 20's
 * instance `bind` (which the static one calls) defines on each bound function the deprecated
 * `asyncResource` accessor (DEP0172) with two fresh `util.deprecate` wrappers: about 10 µs a call
 * in a loop, 20 µs with the garbage in a service. This replaces both with the same binding — the
 * function run in the resource's async scope (the static form: a new AsyncResource of the type,
 * else the function's name) with the caller's `this` (or `thisArg`), the function's `length` —
 * without that accessor, which nothing here reads. Anything but a function still goes to Node's
 * own `bind` (and its error).
 */
export function installLeanAsyncResourceBind(): void {
  const resources = AsyncResource as typeof AsyncResource & { [INSTALLED]?: true };
  if (resources[INSTALLED]) return;
  resources[INSTALLED] = true;
  const prototype = AsyncResource.prototype as unknown as { bind: Bind };
  const nodeBind = prototype.bind;
  const bindTo = (resource: AsyncResource, fn: AnyFunction, thisArg: unknown): AnyFunction => {
    const bound = function (this: unknown, ...args: unknown[]): unknown {
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
    };
    Object.defineProperty(bound, 'length', { value: fn.length });
    return bound;
  };
  prototype.bind = function (this: AsyncResource, fn, thisArg) {
    return typeof fn === 'function' ? bindTo(this, fn, thisArg) : nodeBind.call(this, fn, thisArg);
  };
  const nodeStaticBind = AsyncResource.bind.bind(AsyncResource);
  const leanStaticBind = (fn: AnyFunction, type?: string, thisArg?: unknown): AnyFunction => {
    if (typeof fn !== 'function') return nodeStaticBind(fn, type, thisArg);
    return bindTo(new AsyncResource(type || fn.name || 'bound-anonymous-fn'), fn, thisArg);
  };
  AsyncResource.bind = leanStaticBind as typeof AsyncResource.bind;
}
