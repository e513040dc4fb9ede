// The error page for requests the Worker refuses before routing (workers/request-guard.ts):
// it renders the usual error boundary with the status. Only 400 and 403 exist here.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Error · Core" }];

const MESSAGES: Record<string, { status: number; message: string }> = {
  "400": { status: 400, message: "A GET or HEAD request cannot have a body." },
  "403": { status: 403, message: "This form was sent from another site, so Core refused it. Open Core and try again there." },
};

export function loader({ params }: LoaderFunctionArgs) {
  const known = MESSAGES[params.status ?? ""] ?? { status: 404, message: "Page not found." };
  throw new Response(known.message, { status: known.status });
}

export default function ErrorPage() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
