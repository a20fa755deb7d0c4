import { parseQuery, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { exportOpenSlo, exportQuerySchema, importOpenSlo } from "@/lib/slo/openslo/openslo-service";

export const GET = route("viewer", async (req) => {
  const { id } = parseQuery(req, exportQuerySchema);
  return new Response(await exportOpenSlo(db(), id), {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${id ? `slo-${id}` : "slos"}.openslo.yaml"`,
      "cache-control": "no-store",
    },
  });
});

export const POST = route("editor", async (req, { principal, ip }) => importOpenSlo(db(), await readJson(req), { principal, ip }));
