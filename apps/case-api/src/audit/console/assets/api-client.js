/**
 * The console's only way to the data: the API's audit routes, with the auditor's key from
 * sessionStorage (this tab only) as `Authorization: Bearer`.
 */
const KEY_ITEM = 'impplus.audit-console.api-key';

export const storedKey = () => sessionStorage.getItem(KEY_ITEM);
export const storeKey = (key) => sessionStorage.setItem(KEY_ITEM, key);
export const forgetKey = () => sessionStorage.removeItem(KEY_ITEM);

/** A problem+json answer, worded for the status line: what failed and why. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    const fields = Array.isArray(problem?.errors)
      ? problem.errors.map((error) => `${error.field}: ${error.message}`).join('; ')
      : '';
    super(`${status} ${problem?.title ?? 'Error'}: ${problem?.detail ?? 'no detail'}${fields ? ` (${fields})` : ''}`);
    this.status = status;
    this.problem = problem;
  }
}

async function getJson(path, query = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${storedKey() ?? ''}`, accept: 'application/json' },
    cache: 'no-store',
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiProblem(response.status, body);
  return body;
}

const application = (id) => `/v1/applications/${encodeURIComponent(id)}`;

/** The audit routes the console reads (shared/API.md, "Auditor console"). */
export const auditApi = {
  /** The stored events; with a reason, unredacted — the server records the access first. */
  events: (id, reveal = null) =>
    getJson(`${application(id)}/history`, reveal ? { personalData: 'include', reason: reveal.reason } : {}),
  /** The ApplicationView as of `{ revision }` or `{ asOf }`, folded from the events by the server. */
  viewAt: (id, point) => getJson(`${application(id)}/history`, point),
  timeline: (id) => getJson(`${application(id)}/timeline`),
  verification: (id) => getJson(`${application(id)}/verification`),
  intakeNumberHolder: (year, number) =>
    getJson(`/v1/intake/${encodeURIComponent(year)}/numbers/${encodeURIComponent(number)}`),
};
