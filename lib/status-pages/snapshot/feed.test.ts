// The status cache's feed over a MessagePort (`npm start`: the web thread's cache, the worker's listening connection):
// notifications and (re)listening pass through, the re-read of build times runs on the listener's side one at a
// time, and a re-read that gets no answer gives up instead of waiting forever.
import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { serveSnapshotFeed, snapshotFeedOverPort, STAMPS_SQL, type SnapshotFeed, type SnapshotFeedServer } from "./feed";

let open: { feed: SnapshotFeed; server: SnapshotFeedServer }[] = [];
afterEach(() => {
  for (const { feed, server } of open) {
    feed.close();
    server.close();
  }
  open = [];
});

function pair(query: (sql: string) => Promise<unknown[]>, timeoutMs = 5_000) {
  const { port1, port2 } = new MessageChannel();
  const server = serveSnapshotFeed(port1, { query });
  const feed = snapshotFeedOverPort(port2, timeoutMs);
  open.push({ feed, server });
  return { feed, server };
}

describe("the status snapshot feed over a MessagePort", () => {
  it("passes notifications and each (re)listen to the cache's side", async () => {
    const { feed, server } = pair(() => Promise.resolve([]));
    const heard: string[] = [];
    feed.follow({ changed: (id) => heard.push(`changed ${id}`), listening: () => heard.push("listening") });
    server.listening();
    server.changed("page-1");
    server.changed("page-2");
    server.listening();
    await expect.poll(() => heard.length).toBe(4);
    expect(heard).toEqual(["listening", "changed page-1", "changed page-2", "listening"]);
  });

  it("reads the build times on the listener's side, with the statement the cache's own connection runs", async () => {
    const asked: string[] = [];
    const { feed } = pair((sql) => {
      asked.push(sql);
      return Promise.resolve([{ pageId: "p", builtAtMs: 1_700_000_000_000, extra: "dropped" }]);
    });
    expect(await feed.stamps()).toEqual([{ pageId: "p", builtAtMs: 1_700_000_000_000 }]);
    expect(asked).toEqual([STAMPS_SQL]);
  });

  it("rejects with the listener's error (its connection down), so the cache can use its pool", async () => {
    const { feed } = pair(() => Promise.reject(new Error("the worker's listening connection is down")));
    await expect(feed.stamps()).rejects.toThrow("listening connection is down");
  });

  it("runs one re-read at a time: while a frozen database holds one, the next is refused at once, not queued", async () => {
    let release: (rows: unknown[]) => void = () => undefined;
    let calls = 0;
    const { feed } = pair(() => {
      calls++;
      return new Promise((resolve) => (release = resolve));
    }, 60_000);
    const first = feed.stamps();
    await expect.poll(() => calls).toBe(1);
    await expect(feed.stamps()).rejects.toThrow("still waiting on the database");
    expect(calls).toBe(1);
    release([{ pageId: "p", builtAtMs: 1 }]);
    expect(await first).toEqual([{ pageId: "p", builtAtMs: 1 }]);
    // Free again once it answered.
    const third = feed.stamps();
    await expect.poll(() => calls).toBe(2);
    release([]);
    expect(await third).toEqual([]);
  });

  it("gives up on a re-read that gets no answer within its timeout", async () => {
    const { feed } = pair(() => new Promise(() => undefined), 50);
    await expect(feed.stamps()).rejects.toThrow("timed out");
  });
});
