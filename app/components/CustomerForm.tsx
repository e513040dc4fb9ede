// The customer form, used by "New customer" and "Edit customer". Works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CustomerCreateSchema } from "~/lib/schemas/customers";
import { Alert, Button, ButtonLink, FormErrors, TextAreaField, TextField } from "./ui";

export type CustomerFormValues = { name: string; email: string; phone: string; website: string; notes: string };

export function CustomerForm({
  lastResult,
  defaultValue,
  submitLabel,
  cancelTo,
  duplicates,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: CustomerFormValues;
  submitLabel: string;
  cancelTo: string;
  /** Customers whose name the organization matcher treats as the same: shown, and "Create anyway" asked. */
  duplicates?: ReadonlyArray<{ id: string; name: string; archived: boolean }>;
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
      {duplicates?.length ? (
        <div data-testid="duplicate-warning">
          <Alert tone="amber">
            <p>
              {duplicates.length === 1 ? "A customer with the same name already exists" : `${duplicates.length} customers with the same name already exist`} (compared as NinjaOne
              organization matching compares names: case, punctuation and legal suffixes ignored):{" "}
              {duplicates.map((d, i) => (
                <span key={d.id}>
                  {i ? ", " : ""}
                  <Link to={`/customers/${d.id}`} className="font-medium underline">
                    {d.name}
                  </Link>
                  {d.archived ? " (archived)" : ""}
                </span>
              ))}
              . Two customers with one name are never matched to a NinjaOne organization by name, and pickers show them side by side.
            </p>
            <label className="mt-2 flex items-center gap-2 font-medium">
              <input type="checkbox" name="duplicateOk" value="on" className="h-4 w-4 rounded border-slate-300" />
              Create it anyway
            </label>
          </Alert>
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={navigation.state !== "idle"}>{submitLabel}</Button>
        <ButtonLink to={cancelTo}>Cancel</ButtonLink>
      </div>
    </Form>
  );
}
