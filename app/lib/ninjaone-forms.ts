// The NinjaOne integration form, parsed the same way in the browser and in the action.
import { z } from "zod";
import { parseDashboardDomain } from "@workers/domain/dashboard-domain";
import type { NinjaRegion } from "@workers/ninjaone/regions";
import { requiredText } from "./validation";

export const REGION_CODES = ["us", "eu", "oc", "ca", "us2", "fed"] as const satisfies readonly NinjaRegion[];

/** `secretStored`: editing an integration whose secret is kept unless a new one is typed. */
export function integrationSettingsSchema(opts: { secretStored: boolean }) {
  const secret = z
    .string()
    .trim()
    .max(500, "Client Secret must be at most 500 characters.")
    .refine((v) => !/\s/.test(v), "Client Secret cannot contain spaces.");
  return z.object({
    clientId: requiredText("Client ID", 200).refine((v) => !/\s/.test(v), "Client ID cannot contain spaces."),
    clientSecret: opts.secretStored
      ? secret.optional().transform((v) => (v ? v : null))
      : z.string({ error: "Client Secret is required." }).pipe(secret).pipe(z.string().min(1, "Client Secret is required.")),
    region: z.enum(REGION_CODES, { error: "Choose your NinjaOne region." }),
    dashboardDomain: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const check = parseDashboardDomain(v);
        if (!check.ok) {
          ctx.addIssue({ code: "custom", message: check.message });
          return z.NEVER;
        }
        return check.host;
      }),
  });
}
