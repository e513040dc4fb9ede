// Field schemas shared by forms and the JSON API, so both give the same messages.
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
    .optional()
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
  .optional()
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
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.iso.date(`${label} must be a date (YYYY-MM-DD).`).nullable());
