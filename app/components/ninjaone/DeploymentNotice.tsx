// Says where NinjaOne calls really go when NINJAONE_BASE_URL overrides the regions, and how to
// use the built-in simulator's demo client.
import { Alert } from "~/components/ui";
import type { DeploymentView } from "./types";

export function DeploymentNotice({ deployment }: { deployment: DeploymentView }) {
  if (!deployment.baseUrlOverride && !deployment.simulator) return null;
  return (
    <Alert tone="blue">
      {deployment.baseUrlOverride ? (
        <p>
          All NinjaOne calls go to <code className="font-mono">{deployment.baseUrlOverride}</code> (NINJAONE_BASE_URL), whatever
          region is selected.
        </p>
      ) : null}
      {deployment.simulator ? (
        <>
          <p className="mt-1">
            The NinjaOne simulator is on. Use its demo client: Client ID <code className="font-mono">{deployment.simulator.clientId}</code>,
            Client Secret <code className="font-mono">{deployment.simulator.clientSecret}</code>, any region.
            {deployment.simulator.redirectRegistered ? " It already accepts this redirect URI." : null}
          </p>
          {deployment.simulator.redirectRegistered ? null : (
            <div className="mt-2">
              <p>
                The simulator does not accept this app's redirect URI <code className="font-mono">{deployment.redirectUri}</code> yet
                (Core and NINJAONE_BASE_URL are on different origins). Register it once, then reload this page:
              </p>
              <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-white/70 p-2 font-mono text-xs">{deployment.simulator.registerCommand}</pre>
            </div>
          )}
        </>
      ) : null}
    </Alert>
  );
}
