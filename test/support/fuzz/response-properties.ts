import { personalValuesFoundIn } from './persona';

/** One request the fuzzer sent and what came back, with the events the log gained meanwhile. */
export type Exchange = Readonly<{
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  payload: string | Buffer | undefined;
  /** What the generator did to the body, when that says more than the bytes. */
  note?: string;
  status: number;
  contentType: string;
  text: string;
  /** Types of the events appended to the log while the request ran (and the processes settled). */
  appended: readonly string[];
}>;

const RULE_OR_NAMED_CODE = /^[A-Za-z0-9][A-Za-z0-9_$.-]{0,63}$/;

/** What is wrong with an exchange by the properties every route owes any input; empty when nothing is. */
export function violationsOf(exchange: Exchange): string[] {
  const { status } = exchange;
  const violations: string[] = [];
  if (status >= 500) violations.push('answered a server error to client input');
  if (status < 400 || status >= 500) return violations;
  if (exchange.appended.length > 0)
    violations.push(`stored ${exchange.appended.length} event(s) for a ${status}: ${exchange.appended.join(', ')}`);
  if (!exchange.contentType.startsWith('application/problem+json'))
    violations.push(`Content-Type is "${exchange.contentType}", not application/problem+json`);
  const problem = parsed(exchange.text);
  if (!problem) return [...violations, 'the body is not a JSON object'];
  if (!nonEmptyString(problem.type)) violations.push('no `type`');
  if (!nonEmptyString(problem.title)) violations.push('no `title`');
  if (problem.status !== status) violations.push(`\`status\` is ${JSON.stringify(problem.status)}, not ${status}`);
  if (status === 400) violations.push(...fieldErrorViolations(problem.errors));
  if (
    (status === 409 || status === 422) &&
    !(typeof problem.code === 'string' && RULE_OR_NAMED_CODE.test(problem.code))
  ) {
    violations.push(`no rule id or named \`code\` (got ${JSON.stringify(problem.code)})`);
  }
  const echoed = personalValuesFoundIn(exchange.text);
  if (echoed.length > 0) violations.push(`the error body repeats personal values sent or stored: ${echoed.join(', ')}`);
  return violations;
}

function fieldErrorViolations(errors: unknown): string[] {
  if (!Array.isArray(errors) || errors.length === 0) return ['a 400 without `errors[]` naming the offending fields'];
  /** A member named "" is named by "": any string names a field, a missing or non-string one does not. */
  const unnamed = errors.filter((entry) => typeof (entry as { field?: unknown } | null)?.field !== 'string');
  return unnamed.length
    ? [`${unnamed.length} entr(ies) of \`errors\` name no \`field\`: ${JSON.stringify(unnamed).slice(0, 200)}`]
    : [];
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function parsed(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The exchange as a failure message: route, method, headers, a bounded picture of the body sent, status and body received. */
export function describeExchange(exchange: Exchange, violations: readonly string[]): string {
  const sent =
    exchange.payload === undefined
      ? '(no body)'
      : clip(Buffer.isBuffer(exchange.payload) ? `<bytes ${exchange.payload.toString('hex')}>` : exchange.payload);
  const headers = Object.entries(exchange.headers)
    .map(([name, value]) => `${name}: ${clip(value, 80)}`)
    .join(' | ');
  return [
    `${exchange.method} ${clip(exchange.url, 200)} → ${exchange.status}`,
    ...violations.map((violation) => `  ✗ ${violation}`),
    `  headers: ${headers || '(none)'}`,
    ...(exchange.note ? [`  mutation: ${exchange.note}`] : []),
    `  sent: ${sent}`,
    `  got (${exchange.contentType || 'no Content-Type'}): ${clip(exchange.text, 600)}`,
  ].join('\n');
}

const clip = (text: string, limit = 300): string => {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > limit ? `${escaped.slice(0, limit)}…(${text.length} chars)` : escaped;
};
