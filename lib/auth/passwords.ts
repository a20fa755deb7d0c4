// Password hashing with bcrypt (bcryptjs: pure JS, so no native build on any platform). Loaded on first use: the
// start program imports this module for its bootstrap accounts, and the worker beside it need not hold bcrypt unless an account is made.
const bcryptjs = async () => (await import("bcryptjs")).default;

const COST = 12;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return bcryptjs().then((bcrypt) => bcrypt.hash(password, COST));
}

// A fixed hash to compare against when the account does not exist, so timing does not reveal which emails exist.
const DUMMY_HASH = "$2b$12$koqp5wUPGo2Tp6q9Px4f7ebaKHsbfaD/et0frFUB8OKb32yd0Oo2y";

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await (await bcryptjs()).compare(password, hash ?? DUMMY_HASH);
  return ok && !!hash;
}
