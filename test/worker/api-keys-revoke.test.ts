// Issue 16 audit: revoking an API key needs apikeys:manage (Owners and Admins); a lower key's
// DELETE is refused and changes nothing.
import { describe, expect, it } from "vitest";
import { createApiKey } from "@workers/db/api-keys";
import type { Role } from "@workers/domain/permissions";
import { db, makeWorkspace } from "./helpers";
import { api } from "./records-helpers";

describe("DELETE /api-keys/{id}", () => {
  it.each(["manager", "technician", "observer"] as Role[])("refuses a %s key (403) and the target key keeps working", async (role) => {
    const ws = await makeWorkspace("owner");
    const target = await createApiKey(db(), ws.workspaceId, { name: "CI", role: "technician", createdBy: ws.userId }, Date.now());
    const caller = await createApiKey(db(), ws.workspaceId, { name: role, role, createdBy: ws.userId }, Date.now());
    const res = await api(`/api-keys/${target.id}`, caller.key, { method: "DELETE" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await api("/customers", target.key)).status).toBe(200);
  });
});
