import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ProblemError, problemType, titleOf } from '../problem/problem';

/**
 * The deepest nesting a request body may have. The deepest documented body (an application with
 * family members, passports and addresses) nests 5 levels; validation and class-transformer
 * recurse once per level, and a body thousands of levels deep would overflow the stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests objects or arrays deeper than `max` levels, walked without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<readonly [unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as readonly [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Runs before validation: a body nested too deep is refused with a 400 naming the limit. */
@Injectable()
export class BodyDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !nestsDeeperThan(value, MAX_BODY_DEPTH)) return value;
    throw new ProblemError({
      type: problemType('body-too-deep'),
      title: titleOf(400),
      status: 400,
      code: 'BODY_TOO_DEEP',
      detail: `The request body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels; nothing was done`,
    });
  }
}
