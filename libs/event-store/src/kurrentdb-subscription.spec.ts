import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from './event-store.errors';
import { KurrentDbSubscription, type ResolvedEventSource } from './kurrentdb-subscription';
import { within } from './testing/event-store-fixtures.contract';

function resolvedAt(position: number): AllStreamResolvedEvent {
  const event = {
    streamId: 's-1',
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    isJson: true,
    revision: BigInt(position),
    type: 'ThingHappened',
    created: new Date(0),
    data: {},
    metadata: {},
    position: { commit: BigInt(position), prepare: BigInt(position) },
  };
  return { event } as unknown as AllStreamResolvedEvent;
}

/** Stands in for the client's subscription: an object-mode stream with `unsubscribe`. */
function fakeSource(): PassThrough & ResolvedEventSource {
  const source = new PassThrough({ objectMode: true }) as PassThrough & ResolvedEventSource;
  source.unsubscribe = jest.fn(async () => undefined);
  return source;
}

async function positions(subscription: KurrentDbSubscription, closeAfter: number): Promise<number[]> {
  const seen: number[] = [];
  for await (const event of subscription) {
    seen.push(event.position);
    if (seen.length === closeAfter) await subscription.close();
  }
  return seen;
}

describe('KurrentDbSubscription', () => {
  it('yields only events strictly after its start position, and ends when closed', async () => {
    const source = fakeSource();
    const subscription = new KurrentDbSubscription(source, 200, 500);
    [100, 200, 300, 400].forEach((position) => source.write(resolvedAt(position)));

    expect(await within(2000, positions(subscription, 2))).toEqual([300, 400]);
    expect(source.unsubscribe).toHaveBeenCalled();
  });

  it('ends while waiting when closed, even if the source never ends by itself', async () => {
    const source = fakeSource();
    source.unsubscribe = () => new Promise(() => undefined);
    const subscription = new KurrentDbSubscription(source, 0, 100);
    const iteration = positions(subscription, Infinity);

    await subscription.close();

    expect(await within(2000, iteration)).toEqual([]);
  });

  it('reports an unavailable server as StoreUnavailableError, even when it failed before iteration began', async () => {
    const source = fakeSource();
    const subscription = new KurrentDbSubscription(source, 0, 500);
    source.emit('error', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }));

    await expect(within(2000, positions(subscription, Infinity))).rejects.toThrow(StoreUnavailableError);
  });
});
