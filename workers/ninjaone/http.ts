// One HTTP exchange with NinjaOne, with the retry rules applied in exactly one place:
// 429 waits Retry-After (seconds or HTTP date) or backs off exponentially with jitter;
// 5xx, connection failures and timeouts retry a bounded number of times; everything else is
// handed back to the caller to classify (401, 4xx, 2xx).
import { z } from "zod";
import { NinjaError } from "./errors";
import { OAuthErrorBodySchema, ResultCodeBodySchema } from "./schemas";

export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type RetryOptions = {
  fetch: FetchLike;
  /** Injected so tests never wait for real. */
  sleep?: Sleep;
  now?: () => number;
  /** 0..1, for jitter; injected for deterministic tests. */
  random?: () => number;
  /** Attempts per call including the first (429, 5xx and network failures share the budget). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not slept through: the call fails as rate_limited. */
  maxRetryAfterMs?: number;
  /** Per attempt, covering the response body too. */
  timeoutMs?: number;
};

export type RetryPolicy = Required<RetryOptions>;

export function retryPolicy(options: RetryOptions): RetryPolicy {
  return {
    fetch: options.fetch,
    sleep: options.sleep ?? realSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. attempt is 1-based. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs" | "random">) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2));
}

export type RawResponse = { status: number; headers: Headers; text: string; url: string };

/** NinjaOne's two error body families (fact sheet §8.1): `error` or `resultCode`. */
export function errorCode(text: string): { code?: string; message?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const oauth = OAuthErrorBodySchema.safeParse(json);
  if (oauth.success) return { code: oauth.data.error, message: oauth.data.error_description };
  const result = ResultCodeBodySchema.safeParse(json);
  if (result.success) return { code: result.data.resultCode, message: result.data.errorMessage };
  return {};
}

function describe(method: string, url: string) {
  // Never log query strings wholesale: they can carry codes; the path is enough to find the call.
  const { pathname } = new URL(url);
  return `${method} ${pathname}`;
}

async function attempt(policy: RetryPolicy, request: Request): Promise<RawResponse> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError(`no answer within ${policy.timeoutMs} ms`));
    }, policy.timeoutMs);
  });
  try {
    const exchange = (async () => {
      const response = await policy.fetch(new Request(request, { signal: controller.signal }));
      return { status: response.status, headers: response.headers, text: await response.text(), url: request.url };
    })();
    exchange.catch(() => undefined); // after a timeout the abandoned exchange may still fail: nobody listens
    return await Promise.race([exchange, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class TimeoutError extends Error {}

/**
 * Send a request, retrying 429/5xx/network failures per the policy. `build` makes a fresh
 * Request per attempt (bodies are single-use). Returns any non-429, non-5xx response.
 */
export async function sendWithRetries(policy: RetryPolicy, build: () => Request): Promise<RawResponse> {
  for (let n = 1; ; n++) {
    const request = build();
    const what = describe(request.method, request.url);
    const last = n >= policy.maxAttempts;
    let response: RawResponse;
    try {
      response = await attempt(policy, request);
    } catch (error) {
      if (last) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new NinjaError("unreachable", `NinjaOne did not answer ${what} after ${n} attempts: ${reason}`, {
          cause: error,
        });
      }
      await policy.sleep(backoffDelay(n, policy));
      continue;
    }

    if (response.status === 429) {
      const { code, message } = errorCode(response.text);
      const wait = parseRetryAfter(response.headers.get("Retry-After"), policy.now()) ?? backoffDelay(n, policy);
      if (last || wait > policy.maxRetryAfterMs) {
        throw new NinjaError("rate_limited", `NinjaOne rate-limited ${what}${message ? `: ${message}` : ""}`, {
          status: 429,
          retryAfterMs: wait,
          code,
        });
      }
      await policy.sleep(wait);
      continue;
    }

    if (response.status >= 500) {
      if (last) {
        const { code, message } = errorCode(response.text);
        throw new NinjaError(
          "retryable",
          `NinjaOne answered ${response.status} to ${what} ${n} times${message ? `: ${message}` : ""}`,
          { status: response.status, code },
        );
      }
      await policy.sleep(backoffDelay(n, policy));
      continue;
    }

    return response;
  }
}

/** Parse a 2xx body as JSON; a body that is not JSON is a broken promise, not a retry. */
export function parseJson(response: RawResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw new NinjaError("permanent", `NinjaOne answered ${response.status} with a body that is not JSON`, {
      status: response.status,
    });
  }
}

export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
