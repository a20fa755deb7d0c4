// The secret that signs and encrypts session cookies (next-auth). Set NEXTAUTH_SECRET; `npm start` generates
// one into the data dir for the single-machine default.
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || secret.length < 32)
    throw new Error("NEXTAUTH_SECRET is not set (or shorter than 32 characters); `npm start` generates one, or set it yourself");
  return secret;
}
