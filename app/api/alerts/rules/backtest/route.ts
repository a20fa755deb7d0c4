import { readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { backtest } from "@/lib/alerts/rules";

// Reads stored data only; editor, since it is part of editing a rule and can be costly.
export const POST = route("editor", async (req) => backtest(db(), await readJson(req)));
