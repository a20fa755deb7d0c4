// The explorer's queries and the edited replay against a real database and a real relay target: a payload that
// is not UTF-8 neither breaks the text search nor the export, and an edited replay sends the edited copy,
// records exactly what it sent, and leaves the stored event as it was.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { editedReplaySchema, eventFilterSchema, exportEvents, getEvent, listEvents, replayEdited } from "./events";

let t: TestDb;
let relay: Server;
let relayUrl: string;
const received: { headers: IncomingMessage["headers"]; body: Buffer }[] = [];
const actor = { principal: null };

beforeAll(async () => {
  t = await createTestDb();
  process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
  relay = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(201).end("stored");
  });
  await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
  relayUrl = `http://127.0.0.1:${(relay.address() as { port: number }).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => relay.close(r));
  await t.close();
});

async function store(sourceId: string, body: Buffer, extra: { headers?: Record<string, string>; status?: "received" | "dead_lettered" } = {}) {
  return t.db.webhookEvent.create({
    data: {
      sourceId,
      headers: extra.headers ?? { "content-type": "application/json" },
      body: new Uint8Array(body),
      verified: true,
      verificationDetail: "ok",
      status: extra.status ?? "received",
    },
  });
}

describe("explorer search and export", () => {
  it("finds text in payloads even with a non-UTF-8 payload in range, and exports that one as base64", async () => {
    const source = await t.db.webhookSource.create({ data: { slug: "mixed", name: "Mixed", scheme: "none" } });
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x42, 0xc3]);
    await store(source.id, binary, { headers: { "content-type": "application/octet-stream" } });
    const text = await store(source.id, Buffer.from('{"customer":"Müller & Söhne","order":"A-17"}'));
    const search = (q: string) => listEvents(t.db, eventFilterSchema.parse({ sourceId: source.id, q }));
    expect((await search("müller")).events.map((e) => e.id)).toEqual([text.id.toString()]);
    expect((await search("a-17")).events.map((e) => e.id)).toEqual([text.id.toString()]);
    // Text in the binary payload is still found (its invalid bytes are searched in escaped form).
    expect((await search("AB")).events).toHaveLength(1);
    expect((await search("100%_")).events).toEqual([]);

    const exported = await exportEvents(t.db, eventFilterSchema.parse({ sourceId: source.id }));
    expect(exported).toHaveLength(2);
    expect(exported.find((e) => "bodyBase64" in e)).toMatchObject({ bodyBase64: binary.toString("base64") });
    expect(exported.find((e) => "body" in e)).toMatchObject({ body: '{"customer":"Müller & Söhne","order":"A-17"}' });

    const detail = await getEvent(
      t.db,
      (
        await t.db.webhookEvent.findFirstOrThrow({
          where: { sourceId: source.id, contentType: null, headers: { equals: { "content-type": "application/octet-stream" } } },
        })
      ).id,
    );
    expect(detail).toMatchObject({ bodyEncoding: "base64", body: binary.toString("base64"), bodyIsJson: false });
  });
});

describe("edited replay", () => {
  it("sends the edited copy, records it with the attempt, and leaves the event untouched", async () => {
    const source = await t.db.webhookSource.create({ data: { slug: "relayed", name: "Relayed", scheme: "none", forwardUrl: relayUrl } });
    const original = '{"type":"invoice.paid","amount":100}';
    const event = await store(source.id, Buffer.from(original), {
      headers: { "content-type": "application/json", "webhook-id": "msg_1" },
      status: "dead_lettered",
    });
    const edited = '{"type":"invoice.paid","amount":1000}';
    const delivery = await replayEdited(t.db, event.id, { headers: { "Content-Type": "application/json", "X-Fixed": "yes" }, body: edited }, actor);
    expect(delivery).toMatchObject({
      trigger: "edited_replay",
      attempt: 0,
      responseStatus: 201,
      error: null,
      edited: { headers: { "content-type": "application/json", "x-fixed": "yes" }, body: edited, bodyEncoding: "utf8" },
    });

    const sent = received.at(-1)!;
    expect(sent.body.toString()).toBe(edited);
    expect(sent.headers["x-fixed"]).toBe("yes");
    expect(sent.headers["webhook-id"]).toBeUndefined();
    expect(sent.headers["x-tether-event-id"]).toBe(event.id.toString());

    const after = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(Buffer.from(after.body).toString()).toBe(original);
    expect(after).toMatchObject({ status: "dead_lettered", attempts: 0, headers: { "content-type": "application/json", "webhook-id": "msg_1" } });
    const detail = await getEvent(t.db, event.id);
    expect(detail.body).toBe(original);
    expect(detail.deliveries).toEqual([expect.objectContaining({ trigger: "edited_replay", edited: expect.objectContaining({ body: edited }) })]);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { targetId: event.id.toString() } });
    expect(audit.summary).toMatch(/edited copy/);
  });

  it("replays a binary body given as base64 byte for byte", async () => {
    const source = await t.db.webhookSource.create({ data: { slug: "binary", name: "Binary", scheme: "none", forwardUrl: relayUrl } });
    const event = await store(source.id, Buffer.from([0xff, 0x00]));
    const bytes = Buffer.from([0xff, 0x01, 0x80]);
    await replayEdited(t.db, event.id, { headers: {}, body: bytes.toString("base64"), bodyEncoding: "base64" }, actor);
    expect(received.at(-1)!.body).toEqual(bytes);
  });

  it("refuses, per field, bad header names, line breaks in values, bad base64, a body over the source's limit; and a source without a relay target", async () => {
    const parsed = editedReplaySchema.safeParse({ headers: { "bad name": "x", ok: "a\r\nInjected: yes" }, body: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["headers.bad name", "headers.ok"]));
    const small = await t.db.webhookSource.create({ data: { slug: "small", name: "Small", scheme: "none", forwardUrl: relayUrl, maxBodyBytes: 1_024 } });
    const event = await store(small.id, Buffer.from("{}"));
    await expect(replayEdited(t.db, event.id, { headers: {}, body: "x".repeat(2_000) }, actor)).rejects.toMatchObject({
      status: 400,
      details: { fields: { body: [expect.stringMatching(/1,024 bytes/)] } },
    });
    await expect(replayEdited(t.db, event.id, { headers: {}, body: "not base64!", bodyEncoding: "base64" }, actor)).rejects.toMatchObject({
      details: { fields: { body: ["Not valid base64"] } },
    });
    const unrelayed = await t.db.webhookSource.create({ data: { slug: "nowhere", name: "Nowhere", scheme: "none" } });
    const lonely = await store(unrelayed.id, Buffer.from("{}"));
    await expect(replayEdited(t.db, lonely.id, { headers: {}, body: "{}" }, actor)).rejects.toMatchObject({ status: 409 });
    expect(await t.db.webhookDelivery.count({ where: { eventId: { in: [event.id, lonely.id] } } })).toBe(0);
  });
});
