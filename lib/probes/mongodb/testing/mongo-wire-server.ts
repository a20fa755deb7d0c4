// A local server speaking the MongoDB wire protocol for the MongoDB probe's tests, since no MongoDB server can be
// installed on these machines. It frames OP_MSG (2013) and the legacy OP_QUERY (2004) handshake, answers with
// BSON from the driver's own `bson` package, and runs exactly the commands the driver and the probe send: hello /
// isMaster, ping, buildInfo, saslStart / saslContinue (SCRAM-SHA-256), replSetGetStatus, find and endSessions.
// Configurable: standalone or a replica-set member with member optimes, a user, and replies held back per command.
import { BSON, Long, Timestamp, type Document } from "bson";
import type { Socket } from "node:net";
import tls from "node:tls";
import { closeFake, fakeServer, type FakeServer } from "../../testing/harness";
import { ScramConversation } from "./scram-server";

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const MAX_WIRE_VERSION = 21; // MongoDB 7.0

export interface MemberSpec {
  name?: string;
  state: "PRIMARY" | "SECONDARY" | "ARBITER" | "RECOVERING";
  /** When the member last applied an operation; absent for an arbiter. */
  optimeDate?: Date;
  health?: 0 | 1;
}

export interface MongoTestServerOptions {
  version?: string;
  /** The newest wire protocol version the server speaks (21 = MongoDB 7.0; the driver needs at least 8, MongoDB 4.2). */
  maxWireVersion?: number;
  /** A user the server requires for find and replSetGetStatus (as mongod with --auth). */
  user?: { name: string; password: string };
  /** Absent: a standalone server. `self` is this server's index in `members`. */
  replicaSet?: { name: string; self: number; members: MemberSpec[] };
  /** "db.collection" -> its documents, for find. */
  collections?: Record<string, Document[]>;
  /** Speak TLS with this key and certificate (mongod's --tlsMode requireTLS). */
  tls?: { key: string; cert: string };
  /** Milliseconds to hold back the reply to a command (by its name), e.g. { ping: 10_000 } for a timeout. */
  delayMs?: Record<string, number>;
}

export interface MongoTestServer {
  port: number;
  /** The commands received, by name, in order (handshakes included). */
  commands: string[];
  /** The find commands received, as sent. */
  finds: Document[];
  /** How many commands came as OP_QUERY (the legacy handshake) and as OP_MSG. */
  opcodes: { query: number; msg: number };
  close(): Promise<void>;
}

const STATE_CODES: Record<MemberSpec["state"], number> = { PRIMARY: 1, SECONDARY: 2, RECOVERING: 3, ARBITER: 7 };

function frame(requestId: number, responseTo: number, opCode: number, body: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}

/** An OP_MSG with one body section (kind 0). */
function opMsg(requestId: number, responseTo: number, doc: Document): Buffer {
  const flags = Buffer.alloc(4);
  return frame(requestId, responseTo, OP_MSG, Buffer.concat([flags, Buffer.from([0]), BSON.serialize(doc)]));
}

/** An OP_REPLY with one document, the legacy handshake's answer. */
function opReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const head = Buffer.alloc(20);
  head.writeInt32LE(0, 0); // responseFlags
  head.writeBigInt64LE(0n, 4); // cursorID
  head.writeInt32LE(0, 12); // startingFrom
  head.writeInt32LE(1, 16); // numberReturned
  return frame(requestId, responseTo, OP_REPLY, Buffer.concat([head, BSON.serialize(doc)]));
}

/** The command document of an OP_MSG: the body section, with any document sequences (kind 1) folded in. */
function readOpMsg(body: Buffer): Document {
  const flags = body.readUInt32LE(0);
  const end = flags & 1 ? body.length - 4 : body.length; // checksumPresent
  let offset = 4;
  let command: Document = {};
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = body[offset++];
    if (kind === 0) {
      const size = body.readInt32LE(offset);
      command = BSON.deserialize(body.subarray(offset, offset + size), { promoteBuffers: true });
      offset += size;
    } else {
      const size = body.readInt32LE(offset);
      const section = body.subarray(offset + 4, offset + size);
      const nul = section.indexOf(0);
      const identifier = section.subarray(0, nul).toString("utf8");
      const docs: Document[] = [];
      for (let at = nul + 1; at < section.length;) {
        const docSize = section.readInt32LE(at);
        docs.push(BSON.deserialize(section.subarray(at, at + docSize)));
        at += docSize;
      }
      sequences[identifier] = docs;
      offset += size;
    }
  }
  return { ...command, ...sequences };
}

/** The query document of an OP_QUERY (flags, full collection name, skip, return, query). */
function readOpQuery(body: Buffer): Document {
  const nul = body.indexOf(0, 4);
  const at = nul + 1 + 8;
  const size = body.readInt32LE(at);
  return BSON.deserialize(body.subarray(at, at + size), { promoteBuffers: true });
}

const failure = (code: number, codeName: string, errmsg: string): Document => ({ ok: 0, errmsg, code, codeName });

/** Whether a document matches a filter of top-level equalities, which is all the probe's tests use. */
const matches = (doc: Document, filter: Document) => Object.entries(filter).every(([key, value]) => JSON.stringify(doc[key]) === JSON.stringify(value));

export async function startMongoTestServer(options: MongoTestServerOptions = {}): Promise<MongoTestServer> {
  const commands: string[] = [];
  const finds: Document[] = [];
  const opcodes = { query: 0, msg: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const users = new Map(options.user ? [[options.user.name, options.user.password]] : []);
  let nextRequestId = 1;
  let nextConnectionId = 1;
  // Member names use the listening port, known once the server listens.
  const listening = { port: 0 };

  const hostName = (index: number) => options.replicaSet?.members[index]?.name ?? `127.0.0.1:${listening.port + index}`;

  function hello(legacy: boolean, connectionId: number): Document {
    const rs = options.replicaSet;
    const self = rs?.members[rs.self];
    const primary = self?.state === "PRIMARY" || !rs;
    const doc: Document = {
      helloOk: true,
      [legacy ? "ismaster" : "isWritablePrimary"]: primary,
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: options.maxWireVersion ?? MAX_WIRE_VERSION,
      readOnly: false,
      ok: 1,
    };
    if (options.user) doc.saslSupportedMechs = ["SCRAM-SHA-256"];
    if (rs && self) {
      const index = rs.members.findIndex((m) => m.state === "PRIMARY");
      Object.assign(doc, {
        setName: rs.name,
        setVersion: 1,
        hosts: rs.members.filter((m) => m.state !== "ARBITER").map((_, i) => hostName(i)),
        me: hostName(rs.self),
        ...(index >= 0 ? { primary: hostName(index) } : {}),
        secondary: self.state === "SECONDARY",
        ...(self.state === "ARBITER" ? { arbiterOnly: true } : {}),
      });
    }
    return doc;
  }

  function replSetGetStatus(): Document {
    const rs = options.replicaSet;
    if (!rs) return failure(76, "NoReplicationEnabled", "not running with --replSet");
    return {
      set: rs.name,
      date: new Date(),
      myState: STATE_CODES[rs.members[rs.self]!.state],
      members: rs.members.map((m, i) => ({
        _id: i,
        name: hostName(i),
        health: m.health ?? 1,
        state: STATE_CODES[m.state],
        stateStr: m.state,
        ...(m.optimeDate
          ? { optime: { ts: new Timestamp({ t: Math.floor(m.optimeDate.getTime() / 1000), i: 1 }), t: Long.fromNumber(1) }, optimeDate: m.optimeDate }
          : {}),
        ...(i === rs.self ? { self: true } : {}),
      })),
      ok: 1,
    };
  }

  function session() {
    const connectionId = nextConnectionId++;
    let conversation: ScramConversation | undefined;
    let authenticated = false;

    const needsAuth = () => options.user !== undefined && !authenticated;
    const unauthorized = (name: string) => failure(13, "Unauthorized", `Command ${name} requires authentication`);

    return (command: Document, legacy: boolean): Document => {
      const name = Object.keys(command)[0] ?? "";
      commands.push(name);
      switch (name) {
        case "hello":
        case "isMaster":
        case "ismaster":
          return hello(legacy || name !== "hello", connectionId);
        case "ping":
          return { ok: 1 };
        case "buildInfo":
        case "buildinfo": {
          const version = options.version ?? "7.0.14";
          return { version, versionArray: [...version.split(".").map(Number), 0], maxBsonObjectSize: 16 * 1024 * 1024, ok: 1 };
        }
        case "saslStart": {
          if (command.mechanism !== "SCRAM-SHA-256") return failure(334, "MechanismUnavailable", `Received authentication for mechanism ${command.mechanism}`);
          conversation = new ScramConversation(users);
          const step = conversation.start(Buffer.from(command.payload as Buffer).toString("utf8"));
          if (!step.ok) return failure(18, "AuthenticationFailed", "Authentication failed.");
          return { conversationId: 1, done: false, payload: Buffer.from(step.payload), ok: 1 };
        }
        case "saslContinue": {
          const step = conversation?.finish(Buffer.from(command.payload as Buffer).toString("utf8"));
          conversation = undefined;
          if (!step?.ok) return failure(18, "AuthenticationFailed", "Authentication failed.");
          authenticated = true;
          return { conversationId: 1, done: true, payload: Buffer.from(step.payload), ok: 1 };
        }
        case "replSetGetStatus":
          return needsAuth() ? unauthorized(name) : replSetGetStatus();
        case "find": {
          if (needsAuth()) return unauthorized(name);
          finds.push(command);
          const ns = `${command.$db}.${command.find}`;
          const filter = (command.filter ?? {}) as Document;
          const limit = Number(command.limit ?? 0) || Infinity;
          const batch = (options.collections?.[ns] ?? []).filter((doc) => matches(doc, filter)).slice(0, limit);
          return { cursor: { id: Long.fromNumber(0), ns, firstBatch: batch }, ok: 1 };
        }
        case "endSessions":
          return { ok: 1 };
        default:
          return failure(59, "CommandNotFound", `no such command: '${name}'`);
      }
    };
  }

  function onConnection(socket: Socket) {
    const run = session();
    let pending = Buffer.alloc(0);
    const reply = (message: Buffer, name: string) => {
      const delay = options.delayMs?.[name];
      if (!delay) return void socket.write(message);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!socket.destroyed) socket.write(message);
      }, delay);
      timers.add(timer);
    };
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 16) {
        const length = pending.readInt32LE(0);
        if (length < 16 || length > 48_000_000) return void socket.destroy();
        if (pending.length < length) return;
        const requestId = pending.readInt32LE(4);
        const opCode = pending.readInt32LE(12);
        const body = pending.subarray(16, length);
        pending = pending.subarray(length);
        if (opCode === OP_MSG) {
          opcodes.msg++;
          const command = readOpMsg(body);
          reply(opMsg(nextRequestId++, requestId, run(command, false)), Object.keys(command)[0] ?? "");
        } else if (opCode === OP_QUERY) {
          opcodes.query++;
          // Only the first handshake comes this way: { isMaster: 1 } (or { $query: { isMaster: 1 } }) on admin.$cmd.
          const query = readOpQuery(body);
          const command = (query.$query as Document | undefined) ?? query;
          reply(opReply(nextRequestId++, requestId, run(command, true)), Object.keys(command)[0] ?? "");
        } else {
          return void socket.destroy();
        }
      }
    });
  }

  const credentials = options.tls;
  const server: FakeServer = credentials
    ? await fakeServer(onConnection, (handler) => tls.createServer(credentials, handler).on("tlsClientError", () => undefined))
    : await fakeServer(onConnection);
  listening.port = server.port;
  return {
    port: server.port,
    commands,
    finds,
    opcodes,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await closeFake(server);
    },
  };
}
