// Field schemas shared by forms and the JSON API, so both give the same messages.
// Optional fields accept null as well as absence: a JSON PATCH clears a field with null.
import { z } from "zod";

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

export const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const emailField = z
  .string({ error: "E-mail is required." })
  .trim()
  .toLowerCase()
  .max(254, "E-mail must be at most 254 characters.")
  .pipe(z.email("Enter a valid e-mail address."));

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "E-mail must be at most 254 characters.")
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(z.email("Enter a valid e-mail address.").nullable());

export const passwordField = z
  .string({ error: "Password is required." })
  .min(10, "Password must be at least 10 characters.")
  .max(200, "Password must be at most 200 characters.");

export const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.iso.date(`${label} must be a date (YYYY-MM-DD).`).nullable());

/** An optional reference to another record by id ("" or null = none). Existence is checked by the service. */
export const optionalId = (label: string) =>
  z
    .string({ error: `${label} must be an id.` })
    .trim()
    .max(64, `${label} is not a valid id.`)
    .nullish()
    .transform((v) => (v ? v : null));
