// The exact redirect URI to paste into NinjaOne. A read-only input (select it and copy, even
// without JavaScript) plus a Copy button once the page is interactive.
import { useEffect, useState } from "react";

export function RedirectUriField({ value }: { value: string }) {
  const [interactive, setInteractive] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setInteractive(true), []);
  return (
    <div>
      <label htmlFor="redirect-uri" className="block text-sm font-medium text-slate-700">
        Redirect URI
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="redirect-uri"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-slate-300"
        />
        {interactive ? (
          <button
            type="button"
            className="shrink-0 rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
            onClick={async () => {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        ) : null}
      </div>
      <p className="mt-1 text-xs text-slate-500">Paste it exactly: NinjaOne rejects a different scheme, port or a trailing slash.</p>
    </div>
  );
}
