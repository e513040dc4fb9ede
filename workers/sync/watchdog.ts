export const WATCHDOG_STALL_MS = 10 * 60 * 1000;
export async function runSyncWatchdog(_deps: unknown) {
  return { resent: 0, failed: 0 };
}
