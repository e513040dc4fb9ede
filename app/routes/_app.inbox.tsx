// The signed-in user's notifications, newest first, 50 a page (keyset on created_at, id).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead, type InboxCursor } from "@workers/db/notifications";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, Button, EmptyState, PageHeader, cx, formatDateTime } from "~/components/ui";
import { requireUser } from "~/lib/guards.server";
import { notFound } from "~/lib/people.server";

export const meta: MetaFunction = () => [{ title: "Inbox · Core" }];

const PAGE_SIZE = 50;

// `?before=<createdAt ms>.<id>`: the last notification of the previous page.
const BeforeParam = z
  .string()
  .regex(/^\d{1,15}\.[A-Za-z0-9-]{1,64}$/)
  .transform((v): InboxCursor => {
    const dot = v.indexOf(".");
    return { createdAt: Number(v.slice(0, dot)), id: v.slice(dot + 1) };
  });

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.string().trim().min(1).max(64) }),
  z.object({ intent: z.literal("markRead"), id: z.string().trim().min(1).max(64) }),
  z.object({ intent: z.literal("markAllRead") }),
]);

/** Notification links are our own paths; anything else opens the inbox instead of leaving Core. */
function safeLink(link: string | null): string {
  return link && link.startsWith("/") && !link.startsWith("//") && !link.includes("\\") ? link : "/inbox";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  const raw = new URL(request.url).searchParams.get("before");
  let after: InboxCursor | undefined;
  if (raw !== null) {
    const parsed = BeforeParam.safeParse(raw);
    if (!parsed.success) throw new Response("This inbox page link is not valid. Open the inbox from the start.", { status: 400 });
    after = parsed.data;
  }
  const [page, unread] = await Promise.all([
    listNotifications(context.db, workspace.id, user.id, { after, limit: PAGE_SIZE }),
    countUnread(context.db, workspace.id, user.id),
  ]);
  return {
    items: page.items,
    older: page.next ? `?before=${page.next.createdAt}.${page.next.id}` : null,
    isFirstPage: !after,
    unread,
    timeZone: user.timeZone,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "That inbox action was not valid." }, { status: 400 });
  const value = parsed.data;
  const now = context.now();
  if (value.intent === "markAllRead") {
    await markAllNotificationsRead(context.db, workspace.id, user.id, now);
    return { error: null };
  }
  // Another user's (or workspace's) notification is simply not found.
  const notification = await markNotificationRead(context.db, workspace.id, user.id, value.id, now);
  if (!notification) throw notFound("Notification");
  if (value.intent === "open") return redirect(safeLink(notification.link));
  return { error: null };
}

export default function Inbox() {
  const { items, older, isFirstPage, unread, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Inbox"
        description={unread === 0 ? "You are all caught up." : `${unread} unread ${unread === 1 ? "notification" : "notifications"}.`}
        actions={
          unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="markAllRead" />
              <Button variant="secondary" disabled={busy}>
                Mark all read
              </Button>
            </Form>
          ) : null
        }
      />
      {actionData?.error ? <Alert>{actionData.error}</Alert> : null}
      {items.length === 0 ? (
        <EmptyState title={isFirstPage ? "Your inbox is empty" : "No older notifications"} action={isFirstPage ? null : <Link to="/inbox" className="text-sm text-indigo-600 hover:underline">Back to the newest</Link>}>
          {isFirstPage
            ? "Core posts here when something needs you: a NinjaOne connection to renew, organizations to map, a sync that failed. Nothing to do for now."
            : null}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {items.map((n) => {
            const unreadItem = n.readAt === null;
            return (
              <li key={n.id} className="flex items-start gap-3 px-5 py-4" data-testid="notification" data-unread={unreadItem ? "true" : "false"}>
                <span
                  {...(unreadItem ? { role: "img", "aria-label": "Unread" } : { "aria-hidden": true })}
                  className={cx("mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full", unreadItem ? "bg-indigo-600" : "bg-transparent")}
                />
                <div className="min-w-0 flex-1">
                  <p className={cx("text-sm", unreadItem ? "font-semibold text-slate-900" : "font-medium text-slate-700")}>{n.title}</p>
                  {n.body ? <p className="mt-0.5 text-sm text-slate-600">{n.body}</p> : null}
                  <p className="mt-1 text-xs text-slate-500">
                    <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, timeZone)}</time>
                  </p>
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  {unreadItem ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="markRead" />
                      <input type="hidden" name="id" value={n.id} />
                      <Button variant="ghost" disabled={busy} aria-label={`Mark “${n.title}” read`}>
                        Mark read
                      </Button>
                    </Form>
                  ) : null}
                  {n.link ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="open" />
                      <input type="hidden" name="id" value={n.id} />
                      <Button variant="secondary" disabled={busy} aria-label={`Open “${n.title}”`}>
                        Open
                      </Button>
                    </Form>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {older || !isFirstPage ? (
        <nav aria-label="Inbox pages" className="mt-4 flex justify-between text-sm">
          {isFirstPage ? <span /> : <Link to="/inbox" className="text-indigo-600 hover:underline">← Newest</Link>}
          {older ? <Link to={older} className="text-indigo-600 hover:underline">Older →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
