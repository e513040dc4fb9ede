// The customer form, used by "New customer" and "Edit customer". Works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { CustomerCreateSchema } from "~/lib/schemas/customers";
import { Button, ButtonLink, FormErrors, TextAreaField, TextField } from "./ui";

export type CustomerFormValues = { name: string; email: string; phone: string; website: string; notes: string };

export function CustomerForm({
  lastResult,
  defaultValue,
  submitLabel,
  cancelTo,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: CustomerFormValues;
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CustomerCreateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-2xl space-y-4">
      <FormErrors errors={form.errors} />
      <TextField label="Name" field={fields.name} placeholder="Contoso Ltd" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="E-mail" field={fields.email} type="email" placeholder="office@contoso.example" />
        <TextField label="Phone" field={fields.phone} type="tel" />
      </div>
      <TextField label="Website" field={fields.website} placeholder="contoso.example" />
      <TextAreaField label="Notes" field={fields.notes} rows={4} />
      <div className="flex gap-2">
        <Button disabled={navigation.state !== "idle"}>{submitLabel}</Button>
        <ButtonLink to={cancelTo}>Cancel</ButtonLink>
      </div>
    </Form>
  );
}
