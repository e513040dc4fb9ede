// Every NinjaOne failure becomes one NinjaError with a kind, decided once, here and in http.ts.
export type NinjaErrorKind =
  | "reconnect_required" // refresh answered invalid_token / invalid_grant: the admin must reconnect
  | "rate_limited" // 429 still answered after the retries (retryAfterMs says when to come back)
  | "retryable" // 5xx still answered after the retries
  | "unauthorized" // 401 even after one refresh, or a token endpoint refusing the caller
  | "invalid_client" // unknown client id, wrong secret, grant not enabled on the app
  | "invalid_grant" // authorization code unknown, expired, reused or for another redirect URI
  | "access_denied" // the user pressed Deny on the consent page
  | "permanent" // any other 4xx, or a 2xx whose body is not what the API promises
  | "unreachable" // DNS/connection failures or timeouts after the retries
  | "paging"; // the server broke the paging contract: never hand back a truncated fleet

export class NinjaError extends Error {
  readonly kind: NinjaErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** NinjaOne's own code: `error` or `resultCode` of the body, when there was one. */
  readonly code?: string;

  constructor(
    kind: NinjaErrorKind,
    message: string,
    details: { status?: number; retryAfterMs?: number; code?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "NinjaError";
    this.kind = kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.code = details.code;
  }

  /** Worth trying again later without a human: the queue retries these. */
  get transient(): boolean {
    return this.kind === "rate_limited" || this.kind === "retryable" || this.kind === "unreachable";
  }
}

export function isNinjaError(error: unknown): error is NinjaError {
  return error instanceof NinjaError;
}
