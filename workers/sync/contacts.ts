// Step "contacts" (issue 11): NinjaOne's people become Core contacts of the customer their
// organization maps to. Runs after "organizations" (so mappings are fresh) and before "devices".
//
// NinjaOne's people endpoints are not paged (fact sheet §4.15): GET /v2/user/end-users (portal
// logins) and GET /v2/contacts (organization contacts) each return everything, so this is one queue
// message. Identity and update rules are the domain's (workers/domain/contact-sync.ts). Only rows
// that change are written; each new contact commits with its ninja_people link, so a redelivered
// message finds it linked and counts it from the link's last_run_id / last_action, never twice.
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { newId } from "../crypto";
import type { Db } from "../db/client";
import { schema } from "../db/client";
import {
  contactSyncPatch,
  contactValuesFromNinja,
  decideContactIdentity,
  emailKey,
  parseEditedFields,
  type ContactSyncValues,
} from "../domain/contact-sync";
import type { Contact as NinjaContact, EndUser, PortalEndUser } from "../ninjaone/schemas";
import { chunk, insertManyAsJson, jsonValues, rowsPerInsert, runGrouped, type Statement } from "./d1-writes";
import { effectiveOrgCustomers } from "./organizations";
import type { SyncNinjaClient } from "./ports";

export type ContactCounters = { found: number; created: number; linked: number; updated: number; skipped: number };

type LinkRow = typeof schema.ninjaPeople.$inferInsert;
type ContactRow = Pick<
  typeof schema.contacts.$inferSelect,
  "id" | "customerId" | "name" | "email" | "phone" | "title" | "editedFields" | "ninjaUid"
>;

export type NinjaPerson = {
  key: string;
  kind: "end_user" | "contact";
  id: number;
  orgId: number | null;
  firstName: string | null;
  lastName: string | null;
  values: ContactSyncValues;
  email: string | null; // compared form
};

/** End users first (they own devices), then organization contacts; one entry per uid. */
export function ninjaPeopleOf(endUsers: ReadonlyArray<PortalEndUser | EndUser>, contacts: readonly NinjaContact[]): NinjaPerson[] {
  const out = new Map<string, NinjaPerson>();
  const add = (kind: NinjaPerson["kind"], p: PortalEndUser | EndUser | NinjaContact) => {
    const key = p.uid?.trim() || `${kind}:${p.id}`;
    if (out.has(key)) return;
    const values = contactValuesFromNinja(p, kind === "end_user" ? `NinjaOne end user ${p.id}` : `NinjaOne contact ${p.id}`);
    out.set(key, {
      key,
      kind,
      id: p.id,
      orgId: p.organizationId ?? null,
      firstName: p.firstName?.trim() || null,
      lastName: p.lastName?.trim() || null,
      values,
      email: emailKey(values.email),
    });
  };
  for (const u of endUsers) add("end_user", u);
  for (const c of contacts) add("contact", c);
  return [...out.values()];
}

const contactColumns = {
  id: schema.contacts.id,
  customerId: schema.contacts.customerId,
  name: schema.contacts.name,
  email: schema.contacts.email,
  phone: schema.contacts.phone,
  title: schema.contacts.title,
  editedFields: schema.contacts.editedFields,
  ninjaUid: schema.contacts.ninjaUid,
};

const emailIndexKey = (customerId: string, email: string) => `${customerId}\n${email}`;
const fullName = (l: { firstName: string | null; lastName: string | null }) => `${l.firstName ?? ""} ${l.lastName ?? ""}`.trim();

/**
 * A contact update that keeps a person's edits even if they land between this step's read and its
 * write: each field is only set when edited_fields does not name it at write time.
 */
function guardedContactUpdate(db: Db, workspaceId: string, contactId: string, patch: Partial<ContactSyncValues>, ninjaUid: string | null, now: number): Statement {
  const c = schema.contacts;
  const columns = getTableColumns(c);
  const set: Record<string, unknown> = { updatedAt: now };
  for (const [field, value] of Object.entries(patch) as Array<[keyof ContactSyncValues, string | null]>) {
    const column = columns[field];
    set[field] = sql`CASE WHEN EXISTS (SELECT 1 FROM json_each(${c.editedFields}) WHERE value = ${field}) THEN ${column} ELSE ${value} END`;
  }
  if (ninjaUid) set.ninjaUid = sql`coalesce(${c.ninjaUid}, ${ninjaUid})`;
  return db.update(c).set(set).where(and(eq(c.workspaceId, workspaceId), eq(c.id, contactId)));
}

function upsertLinks(db: Db, rows: LinkRow[]): Statement[] {
  const np = schema.ninjaPeople;
  return chunk(rows, rowsPerInsert(np)).map((part) =>
    db
      .insert(np)
      .values(part)
      .onConflictDoUpdate({
        target: [np.workspaceId, np.ninjaUid],
        set: {
          kind: sql`excluded.kind`,
          ninjaId: sql`excluded.ninja_id`,
          ninjaOrgId: sql`excluded.ninja_org_id`,
          contactId: sql`excluded.contact_id`,
          firstName: sql`excluded.first_name`,
          lastName: sql`excluded.last_name`,
          email: sql`excluded.email`,
          phone: sql`excluded.phone`,
          title: sql`excluded.title`,
          lastRunId: sql`excluded.last_run_id`,
          lastAction: sql`excluded.last_action`,
          updatedAt: sql`excluded.updated_at`,
        },
      }),
  );
}

export type ContactRun = { id: string; workspaceId: string };

/** NinjaOne's two people lists, together (one round trip); both are complete answers, not pages. */
export function fetchPeopleLists(client: SyncNinjaClient) {
  return Promise.all([client.listAllEndUsers(), client.listContacts()]);
}
export type PeopleLists = Awaited<ReturnType<typeof fetchPeopleLists>>;

/**
 * `lists`: the people lists when the caller already started fetching them; `afterFetch`: called
 * once they are in, before anything is written (the pipeline starts the first device page there,
 * so it travels while the contacts are written).
 */
export async function syncContacts(
  db: Db,
  client: SyncNinjaClient,
  run: ContactRun,
  now: number,
  opts: { lists?: Promise<PeopleLists>; afterFetch?: () => void } = {},
): Promise<ContactCounters> {
  const ws = run.workspaceId;
  const [endUsers, ninjaContacts] = await (opts.lists ?? fetchPeopleLists(client));
  opts.afterFetch?.();
  const people = ninjaPeopleOf(endUsers, ninjaContacts);

  const np = schema.ninjaPeople;
  const [orgCustomers, links] = await Promise.all([
    effectiveOrgCustomers(db, ws),
    db.select().from(np).where(eq(np.workspaceId, ws)),
  ]);
  const linkByKey = new Map(links.map((l) => [l.ninjaUid, l]));
  const linkedNames = new Map<string, string[]>();
  for (const l of links) linkedNames.set(l.contactId, [...(linkedNames.get(l.contactId) ?? []), fullName(l)]);

  const contacts = new Map<string, ContactRow>();
  const c = schema.contacts;
  for (const part of chunk([...new Set(links.map((l) => l.contactId))], 500)) {
    const rows = await db.select(contactColumns).from(c).where(and(eq(c.workspaceId, ws), sql`${c.id} IN ${jsonValues(part)}`));
    for (const row of rows) contacts.set(row.id, row);
  }
  // Contacts an unlinked person may be, by e-mail (one indexed lookup per 500 addresses).
  const wantedEmails = [
    ...new Set(people.flatMap((p) => (p.email && !contacts.has(linkByKey.get(p.key)?.contactId ?? "") ? [p.email] : []))),
  ];
  const byEmail = new Map<string, string[]>();
  const indexEmail = (row: ContactRow) => {
    const key = emailKey(row.email);
    if (!key || !row.customerId) return;
    const k = emailIndexKey(row.customerId, key);
    if (!(byEmail.get(k) ?? []).includes(row.id)) byEmail.set(k, [...(byEmail.get(k) ?? []), row.id]);
  };
  for (const part of chunk(wantedEmails, 500)) {
    const rows = await db
      .select(contactColumns)
      .from(c)
      .where(and(eq(c.workspaceId, ws), sql`lower(${c.email}) IN ${jsonValues(part)}`));
    for (const row of rows) contacts.set(row.id, row);
  }
  for (const row of contacts.values()) indexEmail(row);

  const counters: ContactCounters = { found: people.length, created: 0, linked: 0, updated: 0, skipped: 0 };
  const groups: Array<{ counted: boolean; statements: Statement[] }> = [];
  const newContacts: Array<typeof schema.contacts.$inferInsert> = [];
  const newLinks: LinkRow[] = [];
  const linkRow = (p: NinjaPerson, contactId: string, action: "created" | "linked" | "updated" | null, lastRunId: string | null): LinkRow => ({
    workspaceId: ws,
    ninjaUid: p.key,
    kind: p.kind,
    ninjaId: p.id,
    ninjaOrgId: p.orgId,
    contactId,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.values.email,
    phone: p.values.phone,
    title: p.values.title,
    lastRunId,
    lastAction: action,
    updatedAt: now,
  });

  for (const person of people) {
    const customerId = person.orgId === null ? null : (orgCustomers.get(person.orgId) ?? null);
    if (!customerId) {
      counters.skipped += 1; // unmapped organization: synced on the first run after it is mapped
      continue;
    }
    const link = linkByKey.get(person.key);
    const linkedContact = link ? contacts.get(link.contactId) : undefined;
    if (link && linkedContact && link.lastRunId === run.id && link.lastAction) {
      counters[link.lastAction] += 1; // written by an earlier delivery of this message
      continue;
    }
    const decision = decideContactIdentity({
      linkedContactId: linkedContact?.id ?? null,
      email: person.email,
      name: person.values.name ?? "",
      emailCandidates: person.email
        ? (byEmail.get(emailIndexKey(customerId, person.email)) ?? []).map((id) => ({ contactId: id, linkedNames: linkedNames.get(id) ?? [] }))
        : [],
    });

    if (decision.action === "create") {
      const id = newId();
      const row = {
        id,
        workspaceId: ws,
        customerId,
        ...person.values,
        name: person.values.name ?? `NinjaOne person ${person.id}`,
        ninjaUid: person.key,
        editedFields: "[]",
        createdAt: now,
        updatedAt: now,
      };
      if (link) {
        // Its old contact was deleted in Core: the link row exists and is repointed in the same batch.
        groups.push({ counted: true, statements: [db.insert(schema.contacts).values(row), ...upsertLinks(db, [linkRow(person, id, "created", run.id)])] });
      } else {
        newContacts.push(row);
        newLinks.push(linkRow(person, id, "created", run.id));
      }
      contacts.set(id, { ...row, customerId, email: row.email ?? null, phone: row.phone ?? null, title: row.title ?? null });
      indexEmail(contacts.get(id)!);
      linkedNames.set(id, [fullName(person)]);
      counters.created += 1;
      continue;
    }

    const contact = contacts.get(decision.contactId);
    if (!contact) throw new Error(`contact ${decision.contactId} vanished from the step's own read`);
    const previous = link
      ? contactValuesFromNinja({ firstName: link.firstName, lastName: link.lastName, email: link.email, phone: link.phone, jobTitle: link.title }, contact.name)
      : null;
    const patch = contactSyncPatch(
      { name: contact.name, email: contact.email, phone: contact.phone, title: contact.title },
      person.values,
      parseEditedFields(contact.editedFields),
      decision.action === "linked" && previous ? { kind: "changed", previous } : { kind: "fill" },
    );
    const changed = Object.keys(patch).length > 0;
    if (decision.action === "link") {
      counters.linked += 1;
      linkedNames.set(contact.id, [...(linkedNames.get(contact.id) ?? []), fullName(person)]);
      groups.push({
        counted: true,
        statements: [guardedContactUpdate(db, ws, contact.id, patch, person.key, now), ...upsertLinks(db, [linkRow(person, contact.id, "linked", run.id)])],
      });
    } else if (changed) {
      counters.updated += 1;
      groups.push({
        counted: true,
        statements: [guardedContactUpdate(db, ws, contact.id, patch, null, now), ...upsertLinks(db, [linkRow(person, contact.id, "updated", run.id)])],
      });
    } else if (
      link &&
      (link.firstName !== person.firstName || link.lastName !== person.lastName || link.email !== person.values.email ||
        link.phone !== person.values.phone || link.title !== person.values.title || link.ninjaOrgId !== person.orgId)
    ) {
      // NinjaOne changed only what a person overrides in Core: remember it, count nothing.
      groups.push({ counted: false, statements: upsertLinks(db, [linkRow(person, contact.id, link.lastAction, link.lastRunId)]) });
    }
    Object.assign(contact, patch);
  }

  // New contacts and their links travel together: a contact never exists without its link.
  const createGroups = chunk(
    newContacts.map((row, i) => ({ row, link: newLinks[i] })),
    200,
  ).map((part) => ({
    counted: true,
    statements: [
      ...insertManyAsJson(
        schema.contacts,
        part.map((p) => p.row),
      ),
      ...insertManyAsJson(
        np,
        part.map((p) => p.link),
      ),
    ],
  }));
  await runGrouped(db, [...createGroups, ...groups]);
  return counters;
}

/**
 * A device's assigned owner in NinjaOne (assignedOwnerUid) sets its asset's contact when that
 * person is a linked contact (of the asset's customer) and no person chose the asset's contact
 * (contact_source 'person'): contact_source becomes 'ninjaone', with an "assigned" history line.
 * Set-based and idempotent (only assets whose contact differs are touched): run at finalize,
 * when every device page is in. Returns the rows written (events + assets).
 */
export async function assignOwnersFromNinja(db: Db, run: ContactRun, now: number): Promise<number> {
  const owned = `FROM assets a
    JOIN ninja_people p ON p.workspace_id = a.workspace_id AND p.ninja_uid = a.ninja_assigned_owner_uid
    JOIN contacts c ON c.id = p.contact_id AND c.workspace_id = a.workspace_id
    WHERE a.workspace_id = ?1 AND a.ninja_assigned_owner_uid IS NOT NULL AND a.ninja_deleted_at IS NULL
      AND (a.contact_source IS NULL OR a.contact_source = 'ninjaone')
      AND a.contact_id IS NOT p.contact_id
      AND (a.customer_id IS NULL OR c.customer_id = a.customer_id)`;
  const statements: Statement[] = [
    {
      toSQL: () => ({
        sql: `INSERT INTO asset_events (id, workspace_id, asset_id, run_id, kind, summary, changes, rule, created_at)
          SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
            a.workspace_id, a.id, ?2, 'assigned', 'Contact set to ' || c.name || ': the device''s assigned owner in NinjaOne',
            json_object('contactId', json_array(a.contact_id, p.contact_id)), 'NinjaOne assigned owner', ?3 ${owned}`,
        params: [run.workspaceId, run.id, now],
      }),
    },
    {
      toSQL: () => ({
        sql: `UPDATE assets SET contact_id = o.contact_id, contact_source = 'ninjaone', updated_at = ?3
          FROM (SELECT a.id AS asset_id, p.contact_id AS contact_id ${owned}) AS o
          WHERE assets.id = o.asset_id AND assets.workspace_id = ?1`,
        params: [run.workspaceId, run.id, now],
      }),
    },
  ];
  // One group: the history lines and the contacts commit together (one D1 batch).
  return runGrouped(db, [{ counted: true, statements }]);
}
