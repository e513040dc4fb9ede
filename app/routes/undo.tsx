// POST /undo: the toast's Undo button. Checks again who may undo what (workers/db/undo.ts: the
// same user, the same workspace, the permission the change needed, within 10 minutes, once), then
// goes to what came back, or back where the person was, with a toast saying what happened.
import { redirect, type ActionFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { applyUndo } from "@workers/db/undo";
import { requireUser } from "~/lib/guards.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { redirectWithToast } from "~/lib/toast.server";

const UndoForm = z.object({ undoId: z.string().trim().min(1).max(64), back: z.string().max(2000).optional() });

export const loader = () => redirect("/dashboard");

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  const parsed = UndoForm.safeParse(Object.fromEntries(await request.formData()));
  const back = safeRedirectPath(parsed.success ? parsed.data.back : undefined);
  if (!parsed.success) return redirectWithToast(request, back, { tone: "error", message: "There is nothing to undo." });
  const outcome = await applyUndo(context.db, {
    workspaceId: workspace.id,
    userId: user.id,
    userName: user.name,
    role: user.role,
    undoId: parsed.data.undoId,
    now: context.now(),
  });
  if (outcome.status === "restored") return redirectWithToast(request, outcome.link, { message: outcome.message });
  return redirectWithToast(request, back, { tone: outcome.status === "already_undone" ? "info" : "error", message: outcome.message });
}
