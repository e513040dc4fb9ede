// GET /api/v1/assets/{id} and PATCH /api/v1/assets/{id}.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { getAsset } from "@workers/db/assets";
import { dashboardLinkSettings } from "@workers/db/ninja-links";
import { AssetUpdate, JsonObject, parseAssetBody, toApiAsset } from "~/api/assets";
import { apiError, handleApi, methodNotAllowed, notFound, parseJsonBody, requireApiKey } from "~/lib/api.server";
import { updateAsset } from "~/lib/assets.server";

const validId = (id: string | undefined): id is string => Boolean(id) && (id?.length ?? 0) <= 100;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const { workspaceId } = await requireApiKey(context, request, "read");
    const asset = validId(params.id) ? await getAsset(context.db, workspaceId, params.id) : undefined;
    if (!asset) throw notFound("Asset");
    return Response.json({ data: toApiAsset(asset, await dashboardLinkSettings(context.db, workspaceId)) });
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "PATCH") throw methodNotAllowed();
    const { workspaceId } = await requireApiKey(context, request, "assets:write");
    if (!validId(params.id)) throw notFound("Asset");
    const change = parseAssetBody(AssetUpdate, await parseJsonBody(request, JsonObject));
    const saved = await updateAsset(context, workspaceId, params.id, change);
    if (!saved) throw notFound("Asset");
    if (!saved.ok) throw apiError(422, "validation_failed", "Some fields are not valid.", saved.fields);
    return Response.json({ data: toApiAsset(saved.value, await dashboardLinkSettings(context.db, workspaceId)) });
  });
}
