// The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677), as mongod runs it for saslStart / saslContinue: the
// salted password is PBKDF2-SHA-256 of the plain password (MongoDB pre-hashes only for SCRAM-SHA-1). Test-only.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

export const SCRAM_ITERATIONS = 4096;

const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text, "utf8").digest();
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();

/** "a=1,b=2" attribute lists; values may contain "=", never ",". */
function attributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return map;
}

/** A SCRAM user name as the client writes it: "=" and "," escaped (RFC 5802 section 5.1). */
const unescapeName = (name: string) => name.replace(/=2C/g, ",").replace(/=3D/g, "=");

export type ScramStep = { ok: true; payload: string; done: boolean } | { ok: false };

/** One conversation: `start` answers the client-first message, `finish` checks the proof and signs the server-final. */
/** Fixed salt and server nonce, for the RFC's test vectors; random by default. */
export interface ScramFixture {
  salt?: Buffer;
  serverNonce?: string;
}

export class ScramConversation {
  private readonly salt: Buffer;
  private readonly serverNonce: string;
  private clientFirstBare = "";
  private serverFirst = "";
  private nonce = "";
  private user = "";

  constructor(
    private readonly users: ReadonlyMap<string, string>,
    fixture: ScramFixture = {},
  ) {
    this.salt = fixture.salt ?? randomBytes(16);
    this.serverNonce = fixture.serverNonce ?? randomBytes(18).toString("base64");
  }

  start(clientFirst: string): ScramStep {
    // gs2 header "n,," (no channel binding, no authzid), then the bare message.
    const match = /^[ny],[^,]*,(.*)$/.exec(clientFirst);
    if (!match) return { ok: false };
    this.clientFirstBare = match[1]!;
    const attrs = attributes(this.clientFirstBare);
    const name = attrs.get("n");
    const clientNonce = attrs.get("r");
    if (name === undefined || !clientNonce) return { ok: false };
    this.user = unescapeName(name);
    this.nonce = clientNonce + this.serverNonce;
    this.serverFirst = `r=${this.nonce},s=${this.salt.toString("base64")},i=${SCRAM_ITERATIONS}`;
    return { ok: true, payload: this.serverFirst, done: false };
  }

  finish(clientFinal: string): ScramStep {
    const proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) return { ok: false };
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    if (attrs.get("r") !== this.nonce) return { ok: false };
    const password = this.users.get(this.user);
    // An unknown user goes through the same steps against a random key, so both fail alike.
    const salted = pbkdf2Sync(password ?? randomBytes(16).toString("hex"), this.salt, SCRAM_ITERATIONS, 32, "sha256");
    const clientKey = hmac(salted, "Client Key");
    const storedKey = sha256(clientKey);
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(storedKey, authMessage);
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
    if (proof.length !== clientSignature.length) return { ok: false };
    const recovered = Buffer.from(proof.map((byte, i) => byte ^ clientSignature[i]!));
    if (password === undefined || !timingSafeEqual(sha256(recovered), storedKey)) return { ok: false };
    const serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
    return { ok: true, payload: `v=${serverSignature.toString("base64")}`, done: true };
  }

  get username(): string {
    return this.user;
  }
}
