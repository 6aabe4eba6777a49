import type { FeedItem, SerialisedItem } from '../feed-page';

/**
 * A page's feed items as the tail's thread hands them to the event loop: each item's Server-Sent
 * Event (`sseFrame(item)`, whose `data:` line is the item's JSON) in one buffer that is
 * transferred, not copied, with where each frame and its JSON lie in it.
 */
export type EncodedBatch = Readonly<{
  positions: Float64Array;
  types: string[];
  /** Per item: where its frame starts, where its JSON starts, where its JSON ends (the frame's `\n\n` follows). */
  offsets: Uint32Array;
  bytes: ArrayBuffer;
}>;

const FRAME_END = '\n\n';

/** Serialises and encodes the items once: the frames and their JSON, byte for byte `sseFrame(item)` and `JSON.stringify(item)`. */
export function encodeBatch(items: readonly FeedItem[]): EncodedBatch {
  const heads = items.map((item) => `id: ${item.position}\nevent: ${item.type}\ndata: `);
  const jsons = items.map((item) => JSON.stringify(item));
  const offsets = new Uint32Array(items.length * 3);
  let total = 0;
  for (let index = 0; index < items.length; index++) {
    offsets[3 * index] = total;
    offsets[3 * index + 1] = total += Buffer.byteLength(heads[index], 'utf8');
    offsets[3 * index + 2] = total += Buffer.byteLength(jsons[index], 'utf8');
    total += FRAME_END.length;
  }
  // Not from Node's pool: the buffer's memory is its own, so it can be transferred.
  const bytes = Buffer.allocUnsafeSlow(total);
  for (let index = 0; index < items.length; index++) {
    bytes.write(heads[index], offsets[3 * index], 'utf8');
    bytes.write(jsons[index], offsets[3 * index + 1], 'utf8');
    bytes.write(FRAME_END, offsets[3 * index + 2], 'latin1');
  }
  const positions = Float64Array.from(items, (item) => item.position);
  return { positions, types: items.map((item) => item.type), offsets, bytes: bytes.buffer };
}

/** What a transfer moves rather than copies. */
export const transferablesOf = (batch: EncodedBatch): ArrayBuffer[] => [
  batch.bytes,
  batch.positions.buffer as ArrayBuffer,
  batch.offsets.buffer as ArrayBuffer,
];

/** The items of a batch, each with its JSON and its frame as views of the batch's bytes (nothing is copied). */
export function decodeBatch(batch: EncodedBatch): SerialisedItem[] {
  const bytes = Buffer.from(batch.bytes);
  const { positions, offsets } = batch;
  return batch.types.map((type, index) => ({
    position: positions[index],
    type,
    json: bytes.subarray(offsets[3 * index + 1], offsets[3 * index + 2]),
    frame: bytes.subarray(offsets[3 * index], offsets[3 * index + 2] + FRAME_END.length),
  }));
}
