// The create/edit form for an asset. Works without JavaScript (the server validates with the same
// schema); with JavaScript it validates as you go and loads the chosen customer's contacts.
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import {
  ASSET_CATEGORIES,
  ASSET_STATUSES,
  ManualAssetFormSchema,
  STATUS_LABELS,
  SyncedAssetFormSchema,
} from "~/lib/asset-fields";
import { AssetStatusBadge } from "./assets";
import { CustomerPicker, type PickerOption } from "./CustomerPicker";
import { Alert, Button, Card, FormErrors, SelectField, TextAreaField, TextField } from "./ui";

export type AssetFormDefaults = {
  name: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  notes: string | null;
  status: (typeof ASSET_STATUSES)[number];
  category: (typeof ASSET_CATEGORIES)[number] | "";
  customerId: string | null;
  contactId: string | null;
  purchaseDate: string | null;
  installDate: string | null;
  warrantyStart: string | null;
  warrantyEnd: string | null;
};

export type ContactChoice = { id: string; name: string; email: string | null };

export function AssetForm({
  synced,
  defaults,
  customer,
  contacts,
  lastResult,
  submitLabel,
  cancelTo,
}: {
  /** A NinjaOne asset: the sync-owned fields are shown, not edited. */
  synced: boolean;
  defaults: AssetFormDefaults;
  /** The asset's customer now (the picker loads the others as you type). */
  customer: PickerOption | null;
  contacts: ReadonlyArray<ContactChoice>;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const schema = synced ? SyncedAssetFormSchema : ManualAssetFormSchema;
  // Typed by the looser synced form; a manual asset's form also requires name, status and category.
  const [form, fields] = useForm<z.input<typeof SyncedAssetFormSchema>>({
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const contactFetcher = useFetcher<{ contacts: ContactChoice[] }>();
  const [customerValue, setCustomerValue] = useState(defaults.customerId ?? "");
  const contactList = contactFetcher.data?.contacts ?? contacts;
  const contactSelect = getSelectProps(fields.contactId);

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormErrors errors={form.errors} />
      <Card title="Device">
        {synced ? (
          <>
            <Alert tone="blue">
              Managed by NinjaOne sync: name, manufacturer, model, serial number, status and category come from NinjaOne and change there. Notes are yours: the sync only
              keeps the operating system on a line of its own.
            </Alert>
            <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
              <ReadOnly label="Name" value={defaults.name} />
              <ReadOnly label="Category" value={defaults.category || null} />
              <div>
                <dt className="font-medium text-slate-700">Status</dt>
                <dd className="mt-1">
                  <AssetStatusBadge status={defaults.status} />
                </dd>
              </div>
              <ReadOnly label="Manufacturer" value={defaults.manufacturer} />
              <ReadOnly label="Model" value={defaults.model} />
              <ReadOnly label="Serial number" value={defaults.serialNumber} />
            </dl>
            <TextAreaField label="Notes" field={fields.notes} rows={3} />
          </>
        ) : (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <TextField label="Name" field={fields.name} placeholder="FRONTDESK-PC01" />
            </div>
            <SelectField label="Category" field={fields.category} placeholder="Choose a category" options={ASSET_CATEGORIES.map((c) => ({ value: c, label: c }))} />
            <SelectField label="Status" field={fields.status} options={ASSET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
            <TextField label="Manufacturer" field={fields.manufacturer} placeholder="Dell" />
            <TextField label="Model" field={fields.model} placeholder="OptiPlex 7090" />
            <TextField label="Serial number" field={fields.serialNumber} />
            <div className="sm:col-span-2">
              <TextAreaField label="Notes" field={fields.notes} rows={3} />
            </div>
          </div>
        )}
      </Card>

      <Card title="Customer and contact">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <CustomerPicker
            name={fields.customerId.name}
            id={fields.customerId.id}
            label="Customer"
            value={customer}
            noneLabel="No customer"
            errors={fields.customerId.errors}
            onChange={(value) => {
              setCustomerValue(value);
              contactFetcher.load(`/assets/contact-options?customerId=${encodeURIComponent(value)}`);
            }}
          />
          <div>
            <label htmlFor={fields.contactId.id} className="block text-sm font-medium text-slate-700">
              Assigned contact
            </label>
            <select
              {...contactSelect}
              key={`${contactSelect.key}:${customerValue}`}
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500"
            >
              <option value="">No contact</option>
              {contactList.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.email ? `${c.name} (${c.email})` : c.name}
                </option>
              ))}
            </select>
            {fields.contactId.errors?.length ? (
              <p id={`${fields.contactId.id}-error`} className="mt-1 text-xs text-rose-600">
                {fields.contactId.errors.join(" ")}
              </p>
            ) : (
              <p className="mt-1 text-xs text-slate-500">
                {customerValue ? "The contact must belong to the asset's customer." : "Choose a customer first to see only its contacts."}
              </p>
            )}
          </div>
        </div>
      </Card>

      <Card title="Dates">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextField label="Purchase date" field={fields.purchaseDate} type="date" />
          <TextField label="Install date" field={fields.installDate} type="date" />
          <TextField
            label="Warranty start"
            field={fields.warrantyStart}
            type="date"
            hint={synced ? "NinjaOne's warranty dates replace these when the sync finds them." : undefined}
          />
          <TextField label="Warranty end" field={fields.warrantyEnd} type="date" />
        </div>
      </Card>

      <div className="flex items-center gap-3">
        <Button disabled={navigation.state === "submitting"}>{submitLabel}</Button>
        <Link to={cancelTo} className="text-sm text-slate-600 hover:underline">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

function ReadOnly({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 whitespace-pre-line text-slate-900">{value || <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}
