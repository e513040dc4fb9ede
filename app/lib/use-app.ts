// Access the signed-in shell's data (user, permissions) from any page below it.
import { useRouteLoaderData } from "@remix-run/react";
import type { Permission } from "@workers/domain/permissions";
import type { loader } from "~/routes/_app";

export function useApp() {
  const data = useRouteLoaderData<typeof loader>("routes/_app");
  if (!data) throw new Error("useApp must be used inside the signed-in shell");
  return data;
}

export function useCan(permission: Permission) {
  return useApp().permissions.includes(permission);
}
