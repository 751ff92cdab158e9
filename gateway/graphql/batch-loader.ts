/**
 * Collects the keys asked for in one tick of the event loop and loads them with one call, so a
 * field on every lead of a page costs one query, not one per lead.
 */
export class BatchLoader<K, V> {
  private pending: Array<{ key: K; resolve: (value: V) => void; reject: (error: unknown) => void }> = [];

  constructor(private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>, private readonly fallback: V) {}

  load(key: K): Promise<V> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ key, resolve, reject }) === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const values = await this.loadMany([...new Set(batch.map((item) => item.key))]);
      for (const item of batch) item.resolve(values.get(item.key) ?? this.fallback);
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
