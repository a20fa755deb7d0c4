// The worker's bulkhead: at most `capacity` probes (and queued items) running at once. A claimed slot takes a place
// at its due time, not when it is claimed, so slots held for the lookahead never stop the worker from claiming; when
// every place is taken, starts wait here first come, first served and go as places free, one for one (a slow patch
// delays them smoothly instead of holding back the claims and then starting a burst).

export class Bulkhead {
  private inUse = 0;
  private readonly queue: Array<(granted: boolean) => void> = [];

  constructor(readonly capacity: number) {}

  /** Places taken. */
  get used(): number {
    return this.inUse;
  }

  /** Starts waiting for a place. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Places free for work started now: none while starts wait (they come first). */
  get available(): number {
    return this.queue.length > 0 ? 0 : Math.max(0, this.capacity - this.inUse);
  }

  /** Takes a place now if one is free and nothing waits for one; false otherwise. */
  tryTake(): boolean {
    if (this.available <= 0) return false;
    this.inUse++;
    return true;
  }

  /** Resolves true once a place is taken for the caller (at once when one is free), false if cancelled (cancelAll). */
  take(): Promise<boolean> {
    if (this.tryTake()) return Promise.resolve(true);
    return new Promise((resolve) => this.queue.push(resolve));
  }

  /** Gives a place back: the longest waiting start takes it. */
  release(): void {
    const next = this.queue.shift();
    if (next) return next(true);
    this.inUse = Math.max(0, this.inUse - 1);
  }

  /** Every waiting start gets false (a stopping worker drops them). */
  cancelAll(): void {
    for (const resolve of this.queue.splice(0)) resolve(false);
  }
}
