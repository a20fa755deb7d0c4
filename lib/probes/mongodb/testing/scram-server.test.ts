// The test server's SCRAM-SHA-256 against the published example exchange of RFC 7677 section 3 (user "user",
// password "pencil"), so the MongoDB probe's login tests rest on the RFC and not only on the driver agreeing.
import { describe, expect, it } from "vitest";
import { ScramConversation } from "./scram-server";

const RFC_7677 = {
  clientFirst: "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
  serverFirst: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
  clientFinal: "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
  serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
};

const conversation = (password = "pencil") =>
  new ScramConversation(new Map([["user", password]]), {
    salt: Buffer.from("W22ZaJ0SNY7soEsUEjb6gQ==", "base64"),
    serverNonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
  });

describe("ScramConversation (SCRAM-SHA-256)", () => {
  it("answers the RFC 7677 exchange with its server-first and server-final messages", () => {
    const scram = conversation();
    expect(scram.start(RFC_7677.clientFirst)).toEqual({ ok: true, payload: RFC_7677.serverFirst, done: false });
    expect(scram.finish(RFC_7677.clientFinal)).toEqual({ ok: true, payload: RFC_7677.serverFinal, done: true });
    expect(scram.username).toBe("user");
  });

  it("refuses the same proof for another password, a changed nonce, a tampered proof and an unknown user", () => {
    const wrongPassword = conversation("pencil2");
    wrongPassword.start(RFC_7677.clientFirst);
    expect(wrongPassword.finish(RFC_7677.clientFinal)).toEqual({ ok: false });

    const otherNonce = conversation();
    otherNonce.start(RFC_7677.clientFirst);
    expect(otherNonce.finish(RFC_7677.clientFinal.replace("k0,p=", "k1,p="))).toEqual({ ok: false });

    const tampered = conversation();
    tampered.start(RFC_7677.clientFirst);
    expect(tampered.finish(RFC_7677.clientFinal.replace("p=dHz", "p=eHz"))).toEqual({ ok: false });

    const stranger = conversation();
    stranger.start(RFC_7677.clientFirst.replace("n=user", "n=someone"));
    expect(stranger.finish(RFC_7677.clientFinal)).toEqual({ ok: false });
  });

  it("reads escaped user names and refuses a client-first message without a nonce", () => {
    const scram = new ScramConversation(new Map([["a=b,c", "pw"]]));
    expect(scram.start("n,,n=a=3Db=2Cc,r=abc")).toMatchObject({ ok: true });
    expect(scram.username).toBe("a=b,c");
    expect(new ScramConversation(new Map()).start("n,,n=user")).toEqual({ ok: false });
  });
});
