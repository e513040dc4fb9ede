// GET /api/v1/assets (list, keyset cursor) and POST /api/v1/assets (create).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { assetCursorSchema, listAssets } from "@workers/db/assets";
import { dashboardLinkSettings } from "@workers/db/ninja-links";
import { AssetCreate, AssetListQuery, JsonObject, parseAssetBody, toApiAsset } from "~/api/assets";
import { apiError, decodeCursor, encodeCursor, handleApi, methodNotAllowed, parseJsonBody, parseQuery, requireApiKey } from "~/lib/api.server";
import { createAsset } from "~/lib/assets.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const { workspaceId } = await requireApiKey(context, request, "read");
    const { limit, cursor, sort, ...filters } = parseQuery(request, AssetListQuery);
    const after = cursor ? decodeCursor(cursor, assetCursorSchema) : undefined;
    if (after && after.s !== sort) {
      throw apiError(400, "bad_request", "This cursor belongs to another sort. Start again without it.", {
        cursor: [`The cursor was made for sort "${after.s}".`],
      });
    }
    const links = await dashboardLinkSettings(context.db, workspaceId);
    const page = await listAssets(context.db, workspaceId, {
      filters,
      sort,
      limit,
      cursor: after ? { direction: "after", key: after } : undefined,
      now: context.now(),
    });
    return Response.json({ data: page.rows.map((a) => toApiAsset(a, links)), nextCursor: page.next ? encodeCursor(page.next) : null });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "assets:write");
    const values = parseAssetBody(AssetCreate, await parseJsonBody(request, JsonObject));
    const saved = await createAsset(context, workspaceId, values);
    if (!saved.ok) throw apiError(422, "validation_failed", "Some fields are not valid.", saved.fields);
    return Response.json({ data: toApiAsset(saved.value, await dashboardLinkSettings(context.db, workspaceId)) }, { status: 201, headers: { Location: `/api/v1/assets/${saved.value.id}` } });
  });
}
