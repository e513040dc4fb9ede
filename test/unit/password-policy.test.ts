import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE, commonPasswordCount, EMAIL_PASSWORD_MESSAGE, passwordProblem } from "@workers/domain/password-policy";

describe("password policy", () => {
  it("bundles a list of at least 10,000 common passwords", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it.each(["password123", "qwertyuiop", "1234567890", "iloveyou12", "Football123", "PASSWORD1!", "sunshine2024!"])("refuses %j as common", (pw) => {
    expect(passwordProblem(pw, "someone@example.test")).toBe(COMMON_PASSWORD_MESSAGE);
  });

  it.each([
    ["ada.lovelace-1815", "ada.lovelace@example.test"],
    ["MyNameIsJsmith!!", "jsmith@example.test"],
    ["jsmith-winter-sun", "jsmith+core@example.test"],
  ])("refuses %j for %s: it contains the e-mail's name", (pw, email) => {
    expect(passwordProblem(pw, email)).toBe(EMAIL_PASSWORD_MESSAGE);
  });

  it.each([
    ["correct horse battery", "ada@example.test"],
    ["blue-kettle-sunrise", "tina-x1@example.test"],
    ["a-very-good-password", "al@example.test"], // a two-letter local part is too short to mean anything
  ])("accepts %j for %s", (pw, email) => {
    expect(passwordProblem(pw, email)).toBeNull();
  });
});
