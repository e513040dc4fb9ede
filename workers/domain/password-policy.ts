// Password rules beyond length: refuse the most common passwords and passwords that contain the
// account's e-mail name. The list is zxcvbn-ts's "passwords-common" dictionary (about 49,000
// passwords, most common first, from public breach corpora; MIT), shipped inside the Worker bundle
// in its compressed form (~380 KB) and unpacked into a Set on first use. Server-side only: the
// client forms check length only, so browsers never download the list.
import commonPasswords from "@zxcvbn-ts/language-common/dist/passwords.json.mjs";

let common: Set<string> | undefined;

function commonSet(): Set<string> {
  common ??= new Set((commonPasswords as string[]).map((p) => p.toLowerCase()));
  return common;
}

export const COMMON_PASSWORD_MESSAGE = "This is one of the most common passwords, so it is among the first an attacker tries. Choose another.";
export const EMAIL_PASSWORD_MESSAGE = "This password contains your e-mail address's name, which is easy to guess. Choose another.";

/** How many passwords the bundled list holds (for the README and a test). */
export function commonPasswordCount(): number {
  return commonSet().size;
}

/** Why `password` is refused for the account `email`, or null when it is acceptable. */
export function passwordProblem(password: string, email: string | null): string | null {
  const lower = password.toLowerCase();
  // Common passwords, also with the usual decorations: trailing digits/symbols, or repeated.
  const stripped = lower.replace(/[\d\W_]+$/, "");
  if (commonSet().has(lower) || (stripped.length >= 6 && commonSet().has(stripped))) return COMMON_PASSWORD_MESSAGE;
  if (email) {
    // The whole local part (before any +tag), when it is long enough to mean something.
    const local = (email.toLowerCase().split("@")[0] ?? "").split("+")[0];
    if (local.length >= 3 && lower.includes(local)) return EMAIL_PASSWORD_MESSAGE;
  }
  return null;
}
