interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Answers the calls made in the same turn of the event loop with one call of `run`: under load, a
 * burst of concurrent requests costs one statement (one round trip to PostgreSQL) instead of one
 * each. `run` gets the items in order and answers each at the same index. Should a batch fail, each
 * of its items runs again alone, so one bad item (a unique violation, say) fails only its own call.
 */
export class TickBatch<T, R> {
  private waiting: Waiting<T, R>[] = [];

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxItems = 128,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // the calls of the requests whose bytes are already in (the same poll phase) join this batch
      if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const all = this.waiting;
    this.waiting = [];
    for (let start = 0; start < all.length; start += this.maxItems) void this.settle(all.slice(start, start + this.maxItems));
  }

  private async settle(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => this.settle([w])));
    }
  }
}
