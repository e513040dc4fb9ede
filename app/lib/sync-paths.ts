// URLs of the sync screens, shared by server helpers and components.
export const NINJA_SETTINGS_PAGE = "/settings/integrations/ninjaone";
export const SYNC_ACTION_PATH = "/settings/integrations/ninjaone/sync";
export const SYNC_HISTORY_PATH = "/settings/integrations/ninjaone/history";
export const SYNC_STATUS_PATH = "/settings/integrations/ninjaone/sync-status";
export const runPagePath = (runId: string) => `/settings/integrations/ninjaone/runs/${runId}`;
