// Customer fields, shared by the forms and the JSON API so both give the same messages.
import { z } from "zod";
import { optionalEmail, optionalText, requiredText } from "~/lib/validation";

export const CustomerFields = {
  name: requiredText("Name", 200),
  email: optionalEmail,
  phone: optionalText("Phone", 50),
  website: optionalText("Website", 300),
  notes: optionalText("Notes", 5000),
};

/** The customer form (create and edit) and the API's POST body. */
export const CustomerCreateSchema = z.object(CustomerFields);

/** The API's PATCH body: any subset of the fields, plus archiving. */
export const CustomerUpdateSchema = z.object({
  ...z.object(CustomerFields).partial().shape,
  archived: z.boolean({ error: "Archived must be true or false." }).optional(),
});
