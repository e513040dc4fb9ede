// The ticket form, used by "New ticket" and "Edit ticket". Works without JavaScript (every
// contact is offered, grouped by customer); with JavaScript the contact list follows the
// chosen customer.
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { TICKET_PRIORITIES, TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, TICKET_STATUSES } from "@workers/domain/tickets";
import { TicketCreateSchema } from "~/lib/schemas/tickets";
import { CustomerPicker, type PickerOption } from "./CustomerPicker";
import { Button, ButtonLink, FormErrors, SelectField, TextAreaField, TextField } from "./ui";

export type TicketFormValues = {
  title: string;
  description: string;
  customerId: string;
  contactId: string;
  status: string;
  priority: string;
};
export type ContactChoice = { id: string; name: string; customerId: string | null; customerName: string | null };

const STATUS_OPTIONS = TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_LABELS[s] }));
const PRIORITY_OPTIONS = TICKET_PRIORITIES.map((p) => ({ value: p, label: TICKET_PRIORITY_LABELS[p] }));

function groupByCustomer(contacts: ContactChoice[]) {
  const groups = new Map<string, ContactChoice[]>();
  for (const c of contacts) {
    const label = c.customerName ?? "No customer";
    groups.set(label, [...(groups.get(label) ?? []), c]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === "No customer" ? 1 : b === "No customer" ? -1 : a.localeCompare(b)));
}

export function TicketForm({
  lastResult,
  defaultValue,
  customer,
  contacts,
  submitLabel,
  cancelTo,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Partial<TicketFormValues>;
  /** The ticket's customer now (the picker loads the others as you type). */
  customer: PickerOption | null;
  contacts: ContactChoice[];
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { status: "open", priority: "normal", ...defaultValue },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TicketCreateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [chosenCustomer, setChosenCustomer] = useState(customer?.value ?? "");
  // After hydration, offer only the chosen customer's contacts (a contact must belong to it).
  const offered = hydrated && chosenCustomer ? contacts.filter((c) => c.customerId === chosenCustomer) : contacts;
  const contactProps = getSelectProps(fields.contactId);
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-2xl space-y-4">
      <FormErrors errors={form.errors} />
      <TextField label="Title" field={fields.title} placeholder="Printer on 2nd floor is offline" />
      <TextAreaField label="Description" field={fields.description} rows={6} />
      <div className="grid gap-4 sm:grid-cols-2">
        <CustomerPicker
          name={fields.customerId.name}
          id={fields.customerId.id}
          label="Customer"
          value={customer}
          noneLabel="No customer"
          errors={fields.customerId.errors}
          onChange={setChosenCustomer}
        />
        <div>
          <label htmlFor={fields.contactId.id} className="block text-sm font-medium text-slate-700">
            Contact
          </label>
          <select
            {...contactProps}
            key={`${contactProps.key}-${hydrated ? chosenCustomer : "all"}`}
            className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500"
          >
            <option value="">No contact</option>
            {hydrated && chosenCustomer
              ? offered.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))
              : groupByCustomer(offered).map(([group, members]) => (
                  <optgroup key={group} label={group}>
                    {members.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
          </select>
          {fields.contactId.errors?.length ? (
            <p id={`${fields.contactId.id}-error`} className="mt-1 text-xs text-rose-600">
              {fields.contactId.errors.join(" ")}
            </p>
          ) : (
            <p className="mt-1 text-xs text-slate-500">
              {hydrated && chosenCustomer && offered.length === 0
                ? "This customer has no contacts yet."
                : "A contact without a customer chosen sets the customer to the contact's."}
            </p>
          )}
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Status" field={fields.status} options={STATUS_OPTIONS} />
        <SelectField label="Priority" field={fields.priority} options={PRIORITY_OPTIONS} />
      </div>
      <div className="flex gap-2">
        <Button disabled={navigation.state !== "idle"}>{submitLabel}</Button>
        <ButtonLink to={cancelTo}>Cancel</ButtonLink>
      </div>
    </Form>
  );
}
