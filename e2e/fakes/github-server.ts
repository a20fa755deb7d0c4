// A local server that speaks GitHub's OAuth web flow and the two API calls Tether makes, so sign-in with
// GitHub is tested end to end without the internet. Started by playwright.config.ts before Tether.
import { createServer } from "node:http";

const port = Number(process.env.FAKE_GITHUB_PORT ?? 4120);
const USER = { id: 4242, login: "octo-viewer", name: "Octo Viewer", avatar_url: null, email: null };
const EMAILS = [
  { email: "unverified@example.com", primary: false, verified: false },
  { email: "octo@example.com", primary: true, verified: true },
];
const TOKEN = "gho_fake_access_token";
const codes = new Set<string>();

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  if (url.pathname === "/login/oauth/authorize") {
    // GitHub shows a consent page; the fake user always approves.
    const code = `code_${codes.size + 1}`;
    codes.add(code);
    const back = new URL(url.searchParams.get("redirect_uri")!);
    back.searchParams.set("code", code);
    back.searchParams.set("state", url.searchParams.get("state") ?? "");
    res.writeHead(302, { location: back.toString() }).end();
    return;
  }
  if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
    let body = "";
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    if (!codes.delete(form.get("code") ?? "")) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ error: "bad_verification_code" }));
      return;
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ access_token: TOKEN, token_type: "bearer", scope: "read:user,user:email" }));
    return;
  }
  const authorized = req.headers.authorization === `Bearer ${TOKEN}` || req.headers.authorization === `token ${TOKEN}`;
  if (url.pathname === "/api/v3/user" || url.pathname === "/api/v3/user/emails") {
    if (!authorized) return void res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "Bad credentials" }));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(url.pathname.endsWith("emails") ? EMAILS : USER));
    return;
  }
  res.writeHead(404).end();
}).listen(port, "127.0.0.1", () => console.log(`fake GitHub on http://127.0.0.1:${port}`));
