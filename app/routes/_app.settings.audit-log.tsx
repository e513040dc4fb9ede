// Settings > Audit log (Owners and Admins): who did what, when, from where; paged, filtered by
// actor and kind, exported as CSV (/settings/audit-log.csv with the same filters).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { listAuditActors } from "@workers/db/audit";
import { AUDIT_KIND_LIST, AUDIT_KINDS } from "@workers/domain/audit";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Pagination } from "~/components/Pagination";
import { Badge, Button, EmptyState, formatDateTime, Table, Td, Th } from "~/components/ui";
import { auditFilterSchema, auditPage } from "~/lib/audit-log.server";
import { requirePermission } from "~/lib/guards.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Settings · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "audit:view");
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response("The audit log filter is not valid. Choose an actor and a kind from the lists.", { status: 400 });
  const [page, actors] = await Promise.all([auditPage(context, workspace.id, parsed.data), listAuditActors(context.db, workspace.id)]);
  return {
    timeZone: user.timeZone,
    filter: { actor: parsed.data.actor ?? "", kind: parsed.data.kind ?? "" },
    actors,
    events: page.events.map((e) => ({ ...e, kindLabel: AUDIT_KINDS[e.kind as keyof typeof AUDIT_KINDS] ?? e.kind })),
    nextCursor: page.nextCursor,
  };
}

export default function AuditLog() {
  const { timeZone, filter, actors, events, nextCursor } = useLoaderData<typeof loader>();
  const location = useLocation();
  const csvParams = new URLSearchParams(location.search);
  csvParams.delete("cursor");
  const selectClass = "block w-56 rounded-md border-0 py-1.5 text-sm ring-1 ring-inset ring-slate-300";
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Security-relevant events of this workspace: sign-in failures and lockouts, people and roles, API keys, the NinjaOne integration,
        mappings, policies and syncs started by a person or an API key. Kept for one year.
      </p>
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="text-sm font-medium text-slate-700">
          Actor
          <select name="actor" defaultValue={filter.actor} className={selectClass}>
            <option value="">Everyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Kind
          <select name="kind" defaultValue={filter.kind} className={selectClass}>
            <option value="">All kinds</option>
            {AUDIT_KIND_LIST.map((k) => (
              <option key={k} value={k}>
                {AUDIT_KINDS[k]}
              </option>
            ))}
          </select>
        </label>
        <Button variant="secondary">Filter</Button>
        <a href={`/settings/audit-log.csv?${csvParams}`} className="text-sm font-medium text-indigo-600 hover:underline" download>
          Export CSV
        </a>
      </Form>
      {events.length === 0 ? (
        <EmptyState title="No events">{filter.actor || filter.kind ? "Nothing matches this filter." : "Nothing has been recorded yet."}</EmptyState>
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>What</Th>
              <Th>From</Th>
              <Th>Object</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="audit-events">
            {events.map((e) => (
              <tr key={e.id}>
                <Td className="whitespace-nowrap text-slate-600">{formatDateTime(e.at, timeZone)}</Td>
                <Td>
                  {e.actorLabel}
                  {e.actorType === "api_key" ? <span className="block text-xs text-slate-500">API key</span> : null}
                </Td>
                <Td>
                  <Badge tone={e.kind.startsWith("auth.") ? "amber" : "gray"}>{e.kindLabel}</Badge>
                  <span className="mt-1 block text-sm">{e.summary}</span>
                </Td>
                <Td className="whitespace-nowrap text-slate-600">{e.ip ?? "—"}</Td>
                <Td>
                  {e.link ? (
                    <Link to={e.link} className="text-indigo-700 hover:underline">
                      Open
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination nextCursor={nextCursor} shown={events.length} unit="events" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
