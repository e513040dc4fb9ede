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
        <p className="mt-1">
          The NinjaOne simulator is on. Use its demo client: Client ID <code className="font-mono">{deployment.simulator.clientId}</code>,
          Client Secret <code className="font-mono">{deployment.simulator.clientSecret}</code>. It accepts the redirect URI shown here.
        </p>
      ) : null}
    </Alert>
  );
}
