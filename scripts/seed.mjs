#!/usr/bin/env node
// Fill the local D1 with a demo workspace (customers, contacts, assets, tickets) so the screens
// are not empty on a first run. Idempotent: does nothing when the demo owner already exists.
// Usage: npm run db:seed   (then log in as demo@core.test / demo-password-123)
import { spawnSync } from "node:child_process";
import { pbkdf2Sync, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const EMAIL = "demo@core.test";
const PASSWORD = "demo-password-123";
const persistArgs = process.argv.includes("--persist-to")
  ? ["--persist-to", process.argv[process.argv.indexOf("--persist-to") + 1]]
  : [];

function wrangler(args) {
  const res = spawnSync("npx", ["wrangler", ...args, ...persistArgs], { encoding: "utf8" });
  if (res.status !== 0) {
    console.error(res.stdout, res.stderr);
    process.exit(res.status ?? 1);
  }
  return res.stdout;
}

wrangler(["d1", "migrations", "apply", "DB", "--local"]);
const existing = wrangler(["d1", "execute", "DB", "--local", "--json", "--command", `SELECT id FROM users WHERE email = '${EMAIL}'`]);
if (JSON.parse(existing)[0]?.results?.length) {
  console.log(`The demo workspace already exists. Log in as ${EMAIL} / ${PASSWORD}.`);
  process.exit(0);
}

const q = (v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
const now = Date.now();
const day = 86_400_000;
const salt = randomBytes(16);
const hash = pbkdf2Sync(PASSWORD, salt, 100_000, 32, "sha256");
const passwordHash = `pbkdf2-sha256$100000$${salt.toString("base64")}$${hash.toString("base64")}`;
const ws = randomUUID();
const owner = randomUUID();
const sql = [];
sql.push(`INSERT INTO workspaces (id, name, mark_inactive_on_delete, created_at, updated_at) VALUES (${q(ws)}, 'Demo MSP', 1, ${now}, ${now});`);
sql.push(
  `INSERT INTO users (id, workspace_id, email, name, password_hash, role, time_zone, created_at, updated_at) VALUES (${q(owner)}, ${q(ws)}, ${q(EMAIL)}, 'Dana Demo', ${q(passwordHash)}, 'owner', 'Europe/London', ${now}, ${now});`,
);

const customers = [
  ["Bluewater Logistics", "ops@bluewater.example", "+44 23 9200 1000"],
  ["Harbor Dental Group", "office@harbordental.example", "+1 617 555 0142"],
  ["Acme Incorporated", "it@acme.example", "+1 212 555 0199"],
  ["Northstar Plumbing", "hello@northstar.example", "+1 503 555 0110"],
  ["Café Olé", "bonjour@cafeole.example", "+33 1 55 00 12 34"],
  ["Smith & Sons Ltd", "admin@smithandsons.example", "+44 161 555 0101"],
];
const firstNames = ["Maya", "Tom", "Priya", "Jon", "Elena", "Sam", "Aisha", "Luca", "Grace", "Omar", "Nina", "Ben"];
const lastNames = ["Okafor", "Smith", "Patel", "Berg", "Rossi", "Kim", "Khan", "Moretti", "Lee", "Haddad", "Novak", "Carter"];
const models = [
  ["Workstation", "LENOVO", "ThinkPad T14 Gen 4"],
  ["Workstation", "Dell Inc.", "Latitude 5440"],
  ["Workstation", "HP", "EliteBook 840 G10"],
  ["Server", "Dell Inc.", "PowerEdge R650xs"],
  ["Mac", "Apple Inc.", "MacBook Pro (14-inch, 2023)"],
  ["Network Device", "Ubiquiti", "UniFi Switch 24 PoE"],
  ["Mobile Device", "Apple Inc.", "iPhone 15"],
];
const statuses = ["in_use", "in_use", "in_use", "available", "in_repair"];
let n = 0;
let ticketNo = 0;
customers.forEach(([name, email, phone], ci) => {
  const cid = randomUUID();
  sql.push(`INSERT INTO customers (id, workspace_id, name, email, phone, created_at, updated_at) VALUES (${q(cid)}, ${q(ws)}, ${q(name)}, ${q(email)}, ${q(phone)}, ${now - ci * day}, ${now - ci * day});`);
  const contactIds = [];
  for (let k = 0; k < 2; k++) {
    const first = firstNames[(ci * 2 + k) % firstNames.length];
    const last = lastNames[(ci * 3 + k) % lastNames.length];
    const id = randomUUID();
    contactIds.push(id);
    const domain = email.split("@")[1];
    sql.push(
      `INSERT INTO contacts (id, workspace_id, customer_id, name, email, phone, title, created_at, updated_at) VALUES (${q(id)}, ${q(ws)}, ${q(cid)}, ${q(`${first} ${last}`)}, ${q(`${first}.${last}@${domain}`.toLowerCase())}, NULL, ${q(k === 0 ? "Office Manager" : "Finance Lead")}, ${now}, ${now});`,
    );
  }
  for (let k = 0; k < 3; k++) {
    const [category, manufacturer, model] = models[(ci + k) % models.length];
    n++;
    const purchased = new Date(now - (200 + n * 97) * day).toISOString().slice(0, 10);
    const warrantyEnd = new Date(now + (n % 4 === 0 ? -30 : 40 + n * 20) * day).toISOString().slice(0, 10);
    sql.push(
      `INSERT INTO assets (id, workspace_id, name, manufacturer, model, serial_number, status, category, customer_id, contact_id, purchase_date, warranty_start, warranty_end, source, created_at, updated_at) VALUES (${q(randomUUID())}, ${q(ws)}, ${q(`${name.split(" ")[0].toUpperCase().replace(/[^A-Z]/g, "")}-${String(n).padStart(3, "0")}`)}, ${q(manufacturer)}, ${q(model)}, ${q(`SN${(100000 + n * 7919).toString(36).toUpperCase()}`)}, ${q(statuses[n % statuses.length])}, ${q(category)}, ${q(cid)}, ${q(k < 2 ? contactIds[k] : null)}, ${q(purchased)}, ${q(purchased)}, ${q(warrantyEnd)}, 'manual', ${now - n * 3600_000}, ${now - n * 3600_000});`,
    );
  }
  for (const [title, status, priority] of [
    [`Printer offline at ${name.split(" ")[0]} front desk`, "open", "normal"],
    ["New starter laptop setup", "in_progress", "high"],
  ]) {
    ticketNo++;
    sql.push(
      `INSERT INTO tickets (id, workspace_id, number, title, description, customer_id, contact_id, status, priority, created_by, created_at, updated_at) VALUES (${q(randomUUID())}, ${q(ws)}, ${ticketNo}, ${q(title)}, 'Reported by phone.', ${q(cid)}, ${q(contactIds[0])}, ${q(status)}, ${q(priority)}, ${q(owner)}, ${now - ticketNo * 7200_000}, ${now - ticketNo * 7200_000});`,
    );
  }
});

const dir = mkdtempSync(path.join(os.tmpdir(), "core-seed-"));
const file = path.join(dir, "seed.sql");
writeFileSync(file, sql.join("\n"));
wrangler(["d1", "execute", "DB", "--local", "--file", file]);
rmSync(dir, { recursive: true, force: true });
console.log(`Demo workspace created: ${customers.length} customers, ${customers.length * 2} contacts, ${n} assets, ${ticketNo} tickets.`);
console.log(`Log in at http://localhost:8787 as ${EMAIL} / ${PASSWORD}.`);
