import { AsyncResource } from 'node:async_hooks';

const INSTALLED = Symbol.for('impplus:lean-async-resource-bind');
type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Nest runs every request through `AsyncResource.bind` (twice with one global interceptor), and
 * Node 20's `bind` defines on each bound function the deprecated `asyncResource` accessor (DEP0172)
 * with two fresh `util.deprecate` wrappers: about 10 µs a call in a loop, 20 µs with the garbage
 * in a service. This replaces the static `AsyncResource.bind` with the same binding — a new
 * AsyncResource of the same type, the function run in its async scope with the caller's `this`
 * (or `thisArg`), the function's `length` — without that accessor, which nothing here reads.
 * Anything but a function still goes to Node's own `bind` (and its error).
 */
export function installLeanAsyncResourceBind(): void {
  const resources = AsyncResource as typeof AsyncResource & { [INSTALLED]?: true };
  if (resources[INSTALLED]) return;
  resources[INSTALLED] = true;
  const nodeBind = AsyncResource.bind.bind(AsyncResource);
  const leanBind = (fn: AnyFunction, type?: string, thisArg?: unknown): AnyFunction => {
    if (typeof fn !== 'function') return nodeBind(fn, type, thisArg);
    const resource = new AsyncResource(type || fn.name || 'bound-anonymous-fn');
    const bound = function (this: unknown, ...args: unknown[]): unknown {
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
    };
    Object.defineProperty(bound, 'length', { value: fn.length });
    return bound;
  };
  AsyncResource.bind = leanBind as typeof AsyncResource.bind;
}
