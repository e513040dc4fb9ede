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
  SYNC_PAGES_PER_MESSAGE: z.coerce.number().int().min(1).max(50).default(20),
  WARRANTY_PAUSE_SECONDS: z.coerce.number().int().min(0).max(3600).default(2),
  TOKEN_ENCRYPTION_KEY: z.string().min(1, "TOKEN_ENCRYPTION_KEY is not set"),
});

export type AppConfig = {
  simulatorEnabled: boolean;
  /** Overrides every region's origin (simulator, tests, proxies). */
  ninjaBaseUrl: string | undefined;
  syncPageSize: number;
  /** Pages per devices message: each is checkpointed; more pages, fewer cold fetches between messages. */
  syncPagesPerMessage: number;
  /** Pause between warranty messages (per-device calls stay well under NinjaOne's rate limits). */
  warrantyPauseSeconds: number;
  tokenEncryptionKey: string;
};

export function readConfig(env: {
  NINJAONE_SIMULATOR?: string;
  NINJAONE_BASE_URL?: string;
  SYNC_PAGE_SIZE?: string;
  SYNC_PAGES_PER_MESSAGE?: string;
  WARRANTY_PAUSE_SECONDS?: string;
  TOKEN_ENCRYPTION_KEY?: string;
}): AppConfig {
  const parsed = configSchema.parse({
    NINJAONE_SIMULATOR: env.NINJAONE_SIMULATOR || undefined,
    NINJAONE_BASE_URL: env.NINJAONE_BASE_URL || undefined,
    SYNC_PAGE_SIZE: env.SYNC_PAGE_SIZE || undefined,
    SYNC_PAGES_PER_MESSAGE: env.SYNC_PAGES_PER_MESSAGE || undefined,
    WARRANTY_PAUSE_SECONDS: env.WARRANTY_PAUSE_SECONDS || undefined,
    TOKEN_ENCRYPTION_KEY: env.TOKEN_ENCRYPTION_KEY,
  });
  return {
    simulatorEnabled: parsed.NINJAONE_SIMULATOR === "on",
    ninjaBaseUrl: parsed.NINJAONE_BASE_URL,
    syncPageSize: parsed.SYNC_PAGE_SIZE,
    syncPagesPerMessage: parsed.SYNC_PAGES_PER_MESSAGE,
    warrantyPauseSeconds: parsed.WARRANTY_PAUSE_SECONDS,
    tokenEncryptionKey: parsed.TOKEN_ENCRYPTION_KEY,
  };
}
