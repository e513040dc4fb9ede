// The contact form, used by "New contact" and "Edit contact". Works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ContactCreateSchema } from "~/lib/schemas/contacts";
import { CustomerPicker, type PickerOption } from "./CustomerPicker";
import { Button, ButtonLink, FormErrors, TextField } from "./ui";

export type ContactFormValues = { name: string; email: string; phone: string; title: string; customerId: string };

export function ContactForm({
  lastResult,
  defaultValue,
  customer,
  submitLabel,
  cancelTo,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Partial<ContactFormValues>;
  /** The contact's customer now (the picker loads the others as you type). */
  customer: PickerOption | null;
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactCreateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-2xl space-y-4">
      <FormErrors errors={form.errors} />
      <TextField label="Name" field={fields.name} autoComplete="off" placeholder="Jane Doe" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="E-mail" field={fields.email} type="email" autoComplete="off" />
        <TextField label="Phone" field={fields.phone} type="tel" autoComplete="off" />
      </div>
      <TextField label="Title" field={fields.title} placeholder="Office manager" />
      <CustomerPicker name={fields.customerId.name} id={fields.customerId.id} label="Customer" value={customer} noneLabel="No customer" errors={fields.customerId.errors} />
      <div className="flex gap-2">
        <Button disabled={navigation.state !== "idle"}>{submitLabel}</Button>
        <ButtonLink to={cancelTo}>Cancel</ButtonLink>
      </div>
    </Form>
  );
}
