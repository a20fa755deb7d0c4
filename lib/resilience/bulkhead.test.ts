import { describe, expect, it } from "vitest";
import { Bulkhead } from "./bulkhead";

describe("Bulkhead", () => {
  it("hands out places up to its capacity, then queues starts first come, first served", async () => {
    const b = new Bulkhead(2);
    expect(await b.take()).toBe(true);
    expect(await b.take()).toBe(true);
    expect(b.available).toBe(0);
    const order: string[] = [];
    const first = b.take().then((ok) => order.push(`first ${ok}`));
    const second = b.take().then((ok) => order.push(`second ${ok}`));
    expect(b.waiting).toBe(2);
    b.release();
    await first;
    expect(order).toEqual(["first true"]);
    expect(b.used).toBe(2);
    b.release();
    await second;
    expect(order).toEqual(["first true", "second true"]);
    b.release();
    b.release();
    expect(b.used).toBe(0);
    expect(b.available).toBe(2);
  });

  it("gives nothing to work started now while starts wait, even after a place frees", () => {
    const b = new Bulkhead(1);
    expect(b.tryTake()).toBe(true);
    void b.take();
    expect(b.available).toBe(0);
    expect(b.tryTake()).toBe(false);
    b.release(); // goes to the waiting start, not to a newcomer
    expect(b.waiting).toBe(0);
    expect(b.used).toBe(1);
    expect(b.tryTake()).toBe(false);
  });

  it("cancels every waiting start on stop, leaving the places taken as they were", async () => {
    const b = new Bulkhead(1);
    expect(b.tryTake()).toBe(true);
    const waiting = [b.take(), b.take()];
    b.cancelAll();
    expect(await Promise.all(waiting)).toEqual([false, false]);
    expect(b.waiting).toBe(0);
    expect(b.used).toBe(1);
  });
});
