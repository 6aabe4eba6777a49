import type { MessagePort } from 'node:worker_threads';

/** The rows a fold thread sends to `port`, by batch id. */
export function rowsSentTo(port: MessagePort): Map<number, unknown[][]> {
  const sent = new Map<number, unknown[][]>();
  port.on('message', ({ id, rows }: { id: number; rows: unknown[][] }) => sent.set(id, rows));
  return sent;
}

/** Resolves with the rows of batch `id` once they have arrived. */
export const arrived = (sent: Map<number, unknown[][]>, id: number) =>
  new Promise<unknown[][]>((resolve) => {
    const poll = () => (sent.has(id) ? resolve(sent.get(id) ?? []) : setTimeout(poll, 5));
    poll();
  });
