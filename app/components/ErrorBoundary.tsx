// The one error boundary every route reuses: a thrown Response shows its status and message.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request was not valid",
  403: "You don't have access to this",
  404: "Not found",
  409: "That conflicts with something else",
};

export function GeneralErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let message = "Something went wrong on our side. Please try again.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    message = typeof error.data === "string" && error.data ? error.data : error.statusText || message;
  }
  return (
    <div className="mx-auto max-w-xl p-10" role="alert">
      <p className="text-sm font-semibold text-slate-500">Error {status}</p>
      <h1 className="mt-1 text-2xl font-semibold">{TITLES[status] ?? "Something went wrong"}</h1>
      <p className="mt-3 text-slate-600">{message}</p>
      <Link to="/dashboard" className="mt-6 inline-block text-indigo-600 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
