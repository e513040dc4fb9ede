// The contact form, used by "New contact" and "Edit contact". Works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ContactCreateSchema } from "~/lib/schemas/contacts";
import { Button, ButtonLink, FormErrors, SelectField, TextField } from "./ui";

export type ContactFormValues = { name: string; email: string; phone: string; title: string; customerId: string };
export type CustomerChoice = { id: string; name: string; archived: boolean };

export function customerSelectOptions(customers: CustomerChoice[]) {
  return customers.map((c) => ({ value: c.id, label: c.archived ? `${c.name} (archived)` : c.name }));
}

export function ContactForm({
  lastResult,
  defaultValue,
  customers,
  submitLabel,
  cancelTo,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Partial<ContactFormValues>;
  customers: CustomerChoice[];
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
      <SelectField
        label="Customer"
        field={fields.customerId}
        options={customerSelectOptions(customers)}
        placeholder="No customer"
        hint={customers.length === 0 ? "No customers yet: create one first to link this contact to it." : undefined}
      />
      <div className="flex gap-2">
        <Button disabled={navigation.state !== "idle"}>{submitLabel}</Button>
        <ButtonLink to={cancelTo}>Cancel</ButtonLink>
      </div>
    </Form>
  );
}
