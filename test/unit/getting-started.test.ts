import { describe, expect, it } from "vitest";
import { gettingStartedSteps, type GettingStartedState } from "@workers/domain/getting-started";

const empty: GettingStartedState = {
  connection: "none",
  organizations: { total: 0, needingAttention: 0, awaitingReview: 0 },
  succeededSyncs: 0,
  devicesWithContact: 0,
  savedPolicies: 0,
};
const done = (state: GettingStartedState) => Object.fromEntries(gettingStartedSteps(state).steps.map((s) => [s.id, s.done]));

describe("the getting-started checklist", () => {
  it("an empty workspace has all five steps to do, in order", () => {
    const result = gettingStartedSteps(empty);
    expect(result.steps.map((s) => s.id)).toEqual(["connect", "map", "sync", "contacts", "policies"]);
    expect(result).toMatchObject({ doneCount: 0, allDone: false });
  });

  it("connect is done only while connected (not when added, not when it needs a reconnect)", () => {
    expect(done({ ...empty, connection: "not_connected" }).connect).toBe(false);
    expect(done({ ...empty, connection: "needs_reconnect" }).connect).toBe(false);
    expect(done({ ...empty, connection: "connected" }).connect).toBe(true);
  });

  it("mapping is done when organizations exist and none need a customer or a review", () => {
    expect(done(empty).map).toBe(false); // no organizations yet
    expect(done({ ...empty, organizations: { total: 4, needingAttention: 1, awaitingReview: 0 } }).map).toBe(false);
    expect(done({ ...empty, organizations: { total: 4, needingAttention: 0, awaitingReview: 2 } }).map).toBe(false);
    expect(done({ ...empty, organizations: { total: 4, needingAttention: 0, awaitingReview: 0 } }).map).toBe(true);
  });

  it("all done when every step is", () => {
    const all = gettingStartedSteps({
      connection: "connected",
      organizations: { total: 3, needingAttention: 0, awaitingReview: 0 },
      succeededSyncs: 1,
      devicesWithContact: 5,
      savedPolicies: 1,
    });
    expect(all).toMatchObject({ doneCount: 5, allDone: true });
  });
});
