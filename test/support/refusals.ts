import type { TestApp, TestRequest } from './test-app';

const PROBLEM = 'application/problem+json';

/** Sends a POST and checks that it was refused with `status` as problem+json, with nothing appended to the log. */
export async function refusedWithNothingStored(api: TestApp, url: string, request: TestRequest, status: number) {
  const head = await api.store.headPosition();
  const response = await api.request('POST', url, request);
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringContaining(PROBLEM),
  });
  expect(await api.store.headPosition()).toBe(head);
  return response;
}

/** The fields a 400 problem names, in order. */
export const fieldsOf = (response: { body?: { errors?: { field: string }[] } }): string[] =>
  (response.body?.errors ?? []).map((error) => error.field);
