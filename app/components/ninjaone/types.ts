// What the NinjaOne screens show, as plain data from the loaders.
export type ConnectionState = "not_configured" | "not_connected" | "connected" | "needs_reconnect";

export type LastSyncView = {
  status: "queued" | "running" | "succeeded" | "failed";
  trigger: "manual" | "scheduled";
  at: number; // finished, else started, else queued (epoch ms)
  devicesFound: number;
  assetsCreated: number;
  assetsUpdated: number;
  errorCount: number;
  failureReason: string | null;
};

export type IntegrationView = {
  state: ConnectionState;
  statusReason: string | null;
  region: string | null;
  regionLabel: string | null;
  instanceUrl: string | null;
  clientId: string | null;
  secretLast4: string | null;
  dashboardDomain: string | null;
  connectedAt: number | null;
  lastSync: LastSyncView | null;
};

export type DeploymentView = {
  /** NINJAONE_BASE_URL, when set: every NinjaOne call goes there. */
  baseUrlOverride: string | null;
  /** The built-in simulator's demo client, when the simulator is on and NINJAONE_BASE_URL points at it. */
  simulator: { clientId: string; clientSecret: string; redirectRegistered: boolean; registerCommand: string } | null;
  redirectUri: string;
};

export type Flash = { tone: "green" | "red" | "amber" | "blue"; text: string };
