import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.port';

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  find(scope: string, key: string): IdempotencyRecord | null {
    return this.records.get(JSON.stringify([scope, key])) ?? null;
  }

  async save(record: IdempotencyRecord): Promise<void> {
    const id = JSON.stringify([record.scope, record.key]);
    if (!this.records.has(id)) this.records.set(id, record);
  }

  async close(): Promise<void> {}
}
