// Contact fields, shared by the forms and the JSON API so both give the same messages.
import { z } from "zod";
import { optionalEmail, optionalId, optionalText, requiredText } from "~/lib/validation";

export const ContactFields = {
  name: requiredText("Name", 200),
  email: optionalEmail,
  phone: optionalText("Phone", 50),
  title: optionalText("Title", 200),
  customerId: optionalId("Customer"),
};

/** The contact form (create and edit) and the API's POST body. */
export const ContactCreateSchema = z.object(ContactFields);

/** The API's PATCH body: any subset of the fields. */
export const ContactUpdateSchema = ContactCreateSchema.partial();
