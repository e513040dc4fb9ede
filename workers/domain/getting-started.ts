// The dashboard's getting-started checklist (issue 16): the five steps from an empty workspace to a
// working NinjaOne integration, each ticked from the workspace's real state (pure: the loader reads
// the state, this decides).

export type GettingStartedState = {
  /** The integration's connection; "none" until it is added. */
  connection: "none" | "not_connected" | "connected" | "needs_reconnect";
  organizations: { total: number; needingAttention: number; awaitingReview: number };
  succeededSyncs: number;
  /** NinjaOne devices (assets) with a contact. */
  devicesWithContact: number;
  /** Replacement policy rows the workspace saved (Core's defaults are not the workspace's). */
  savedPolicies: number;
};

export type GettingStartedStepId = "connect" | "map" | "sync" | "contacts" | "policies";
export type GettingStartedStep = { id: GettingStartedStepId; label: string; done: boolean; detail: string };

export function gettingStartedSteps(state: GettingStartedState): { steps: GettingStartedStep[]; doneCount: number; allDone: boolean } {
  const orgs = state.organizations;
  const steps: GettingStartedStep[] = [
    {
      id: "connect",
      label: "Connect NinjaOne",
      done: state.connection === "connected",
      detail:
        state.connection === "needs_reconnect"
          ? "NinjaOne needs to be reconnected."
          : state.connection === "not_connected"
            ? "The integration is added: authorize Core in NinjaOne."
            : state.connection === "none"
              ? "Add your NinjaOne API client and authorize Core."
              : "Core can read your NinjaOne instance.",
    },
    {
      id: "map",
      label: "Map organizations to customers",
      done: orgs.total > 0 && orgs.needingAttention === 0 && orgs.awaitingReview === 0,
      detail:
        orgs.total === 0
          ? "Organizations arrive with the first sync."
          : orgs.needingAttention + orgs.awaitingReview === 0
            ? `All ${orgs.total} organizations are settled.`
            : `${orgs.needingAttention + orgs.awaitingReview} of ${orgs.total} organizations need a customer or a review.`,
    },
    {
      id: "sync",
      label: "Sync devices",
      done: state.succeededSyncs > 0,
      detail: state.succeededSyncs > 0 ? "Devices are in your asset inventory." : "Run the first sync, or schedule one.",
    },
    {
      id: "contacts",
      label: "Associate devices with contacts",
      done: state.devicesWithContact > 0,
      detail: state.devicesWithContact > 0 ? `${state.devicesWithContact} devices have a contact.` : "Match each device's last user to a contact.",
    },
    {
      id: "policies",
      label: "Set replacement policies",
      done: state.savedPolicies > 0,
      detail: state.savedPolicies > 0 ? "Your policies drive the EOL recommendations." : "Core's defaults apply until you set your own.",
    },
  ];
  const doneCount = steps.filter((s) => s.done).length;
  return { steps, doneCount, allDone: doneCount === steps.length };
}
