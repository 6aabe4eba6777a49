import { RequestValidationError } from '../http/problem/problem';

/** An optional instant from a body: defaults to now, never in the future (T1, T2). */
export function instantOrNow(value: string | undefined, field: string, now: Date): string {
  if (value === undefined) return now.toISOString();
  if (Date.parse(value) > now.getTime()) {
    throw new RequestValidationError([{ field, message: `must not be in the future (now is ${now.toISOString()})` }]);
  }
  return new Date(value).toISOString();
}
