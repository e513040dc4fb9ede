// The NinjaOne settings tabs (seed 003's cards, one URL each): Overview (connection and Device Sync),
// Organization Mapping, Contacts, Device Roles, Replacement Policies, History. Links, so every tab is
// deep-linkable and works without JavaScript; the current one carries aria-current="page". Arrow
// keys, Home and End move between tabs as in a tab list; Tab moves on into the page.
import { Link, useLocation } from "@remix-run/react";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "~/components/ui";
import { NINJA_TABS, ninjaTabFor } from "~/lib/ninjaone-tabs";
import { useApp } from "~/lib/use-app";

export function NinjaOneTabs() {
  const { pathname } = useLocation();
  const current = ninjaTabFor(pathname);
  const { permissions } = useApp();
  const tabs = NINJA_TABS.filter((tab) => permissions.includes(tab.view));
  const list = useRef<HTMLElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const links = Array.from(list.current?.querySelectorAll<HTMLAnchorElement>("a[data-tab]") ?? []);
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: links.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    links[(to + links.length) % links.length]?.focus();
  };
  return (
    <nav ref={list} aria-label="NinjaOne settings" onKeyDown={onKeyDown} className="mb-5 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          to={tab.to}
          data-tab={tab.id}
          prefetch="intent"
          aria-current={current === tab.id ? "page" : undefined}
          className={cx(
            "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600",
            current === tab.id ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

/** A tab's own heading under the NinjaOne title and tab list. */
export function NinjaTabIntro({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-4">
      <h3 className="text-lg font-semibold">{title}</h3>
      {children ? <p className="mt-0.5 text-sm text-slate-600">{children}</p> : null}
    </div>
  );
}
