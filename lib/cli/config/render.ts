// A plan and an apply report as terminal text: + create, ~ update (one line per property), - delete.
import { changeLabel, planSummary, SECRET_MARK, type Plan } from "../../config-file/plan";
import type { Style } from "../report/style";

const show = (v: unknown) => (v === SECRET_MARK ? "(secret, write-only)" : JSON.stringify(v));

export function renderPlan(plan: Plan, s: Style, prunableCount = 0): string {
  const lines: string[] = [];
  for (const c of plan.changes) {
    if (c.action === "create") lines.push(s.green(`+ create ${changeLabel(c)}`));
    if (c.action === "delete") lines.push(s.red(`- delete ${changeLabel(c)}`));
    if (c.action === "update") {
      lines.push(s.yellow(`~ update ${changeLabel(c)}`));
      for (const p of c.properties) {
        if (p.before === undefined) lines.push(s.green(`    + ${p.path}: ${show(p.after)}`));
        else if (p.after === undefined) lines.push(s.red(`    - ${p.path}: ${show(p.before)}`));
        else lines.push(`    ${s.yellow("~")} ${p.path}: ${s.red(show(p.before))} ${s.dim("→")} ${s.green(show(p.after))}`);
      }
    }
  }
  const n = planSummary(plan);
  if (plan.changes.length === 0) lines.push(s.green("No changes: the server matches the file."));
  lines.push(s.bold(`Plan: ${n.create} to create, ${n.update} to update, ${n.delete} to delete, ${n.unchanged} unchanged.`));
  if (prunableCount > 0 && !plan.prune) lines.push(s.dim(`${prunableCount} managed resource(s) are no longer in the file; --prune deletes them.`));
  if (plan.unmanaged.length > 0)
    lines.push(s.dim(`${plan.unmanaged.length} resource(s) on the server are not in the file and not managed by config (left alone).`));
  return `${lines.join("\n")}\n`;
}
