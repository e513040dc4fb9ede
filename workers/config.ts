// Deployment settings, parsed once at the edge from the Worker's env.
import { z } from "zod";

const configSchema = z.object({
  NINJAONE_SIMULATOR: z.enum(["on", "off"]).default("off"),
  NINJAONE_BASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
    .pipe(z.url().optional()),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(10).max(1000).default(1000),
  TOKEN_ENCRYPTION_KEY: z.string().min(1, "TOKEN_ENCRYPTION_KEY is not set"),
});

export type AppConfig = {
  simulatorEnabled: boolean;
  /** Overrides every region's origin (simulator, tests, proxies). */
  ninjaBaseUrl: string | undefined;
  syncPageSize: number;
  tokenEncryptionKey: string;
};

export function readConfig(env: {
  NINJAONE_SIMULATOR?: string;
  NINJAONE_BASE_URL?: string;
  SYNC_PAGE_SIZE?: string;
  TOKEN_ENCRYPTION_KEY?: string;
}): AppConfig {
  const parsed = configSchema.parse({
    NINJAONE_SIMULATOR: env.NINJAONE_SIMULATOR || undefined,
    NINJAONE_BASE_URL: env.NINJAONE_BASE_URL || undefined,
    SYNC_PAGE_SIZE: env.SYNC_PAGE_SIZE || undefined,
    TOKEN_ENCRYPTION_KEY: env.TOKEN_ENCRYPTION_KEY,
  });
  return {
    simulatorEnabled: parsed.NINJAONE_SIMULATOR === "on",
    ninjaBaseUrl: parsed.NINJAONE_BASE_URL,
    syncPageSize: parsed.SYNC_PAGE_SIZE,
    tokenEncryptionKey: parsed.TOKEN_ENCRYPTION_KEY,
  };
}
