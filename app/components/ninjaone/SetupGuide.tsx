// How to create the API client in NinjaOne, as Core's guide lists it: platform, redirect URI,
// scopes and grant types to tick.
import { Card } from "~/components/ui";
import { RedirectUriField } from "./RedirectUriField";

export function SetupGuide({ redirectUri }: { redirectUri: string }) {
  return (
    <Card title="1. Create an API client in NinjaOne">
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>
          In NinjaOne, go to <strong>Administration &gt; Apps &gt; API</strong> and add a new client application.
        </li>
        <li>
          Select <strong>API Services (machine-to-machine)</strong> as the application platform.
        </li>
        <li>Set the redirect URI, scopes and grant types below, save, and copy the Client ID and Client Secret (NinjaOne shows the secret only once).</li>
      </ol>
      <div className="mt-4 space-y-4">
        <RedirectUriField value={redirectUri} />
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <p className="text-sm font-medium text-slate-700">Scopes</p>
            <ul className="mt-1 space-y-1 text-sm" aria-label="Scopes">
              <li>☑ Monitoring (required)</li>
            </ul>
          </div>
          <div>
            <p className="text-sm font-medium text-slate-700">Allowed grant types</p>
            <ul className="mt-1 space-y-1 text-sm" aria-label="Allowed grant types">
              <li>☑ Authorization code</li>
              <li>☑ Client credentials</li>
              <li>☑ Refresh token</li>
            </ul>
          </div>
        </div>
      </div>
    </Card>
  );
}
