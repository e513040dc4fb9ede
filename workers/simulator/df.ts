// The device filter (`df`) subset of fact sheet §6: `org = 1`, `org in (1, 2)`, `org != 5`,
// `org nin (5, 6)`, the same for loc/role/id, `class = X` / `class eq X` / `class in (X, Y)`,
// `status = APPROVED`, bare `online` / `offline`, `created after|before YYYY-MM-DD`, joined by
// upper-case `AND`. Anything else (lower-case `and`, lower-case enum values, OR, groups, tags)
// is a parse error, which the API answers with HTTP 500 like NinjaOne does.

export type FilterableDevice = {
  id: number;
  organizationId: number;
  locationId: number;
  nodeRoleId: number;
  nodeClass: string;
  approvalStatus: string;
  offline: boolean;
  /** Epoch seconds. */
  created: number;
};

export type DevicePredicate = (device: FilterableDevice) => boolean;

export class DeviceFilterError extends Error {}

type NumericField = "organizationId" | "locationId" | "nodeRoleId" | "id";
type EnumField = "nodeClass" | "approvalStatus";

const NUMERIC_FIELDS: Record<string, NumericField> = {
  org: "organizationId",
  organization: "organizationId",
  loc: "locationId",
  location: "locationId",
  role: "nodeRoleId",
  id: "id",
};
const ENUM_FIELDS: Record<string, EnumField> = { class: "nodeClass", status: "approvalStatus" };

type Token = { type: "word" | "op" | "lparen" | "rparen" | "comma"; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(!=|=)|(\()|(\))|(,)|([^\s=!(),]+))/y;
  let rest = input.trim();
  let match: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < rest.length && (match = re.exec(rest))) {
    if (match[1]) tokens.push({ type: "op", text: match[1] });
    else if (match[2]) tokens.push({ type: "lparen", text: "(" });
    else if (match[3]) tokens.push({ type: "rparen", text: ")" });
    else if (match[4]) tokens.push({ type: "comma", text: "," });
    else if (match[5]) tokens.push({ type: "word", text: match[5] });
  }
  rest = rest.slice(re.lastIndex).trim();
  if (rest) throw new DeviceFilterError(`unexpected text "${rest}"`);
  return tokens;
}

function splitOnAnd(tokens: Token[]): Token[][] {
  const terms: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === "word" && token.text === "AND") terms.push([]);
    else if (token.type === "word" && /^(and|or|OR|Or|And)$/.test(token.text)) {
      throw new DeviceFilterError(`"${token.text}" is not supported: join conditions with upper-case AND`);
    } else terms[terms.length - 1].push(token);
  }
  if (terms.some((t) => t.length === 0)) throw new DeviceFilterError("empty condition around AND");
  return terms;
}

function readList(tokens: Token[], from: number): string[] {
  if (tokens[from]?.type !== "lparen") throw new DeviceFilterError("expected ( after in");
  const values: string[] = [];
  let i = from + 1;
  for (;;) {
    const value = tokens[i];
    if (value?.type !== "word") throw new DeviceFilterError("expected a value in the list");
    values.push(value.text);
    const next = tokens[i + 1];
    if (next?.type === "rparen") {
      if (i + 2 !== tokens.length) throw new DeviceFilterError("unexpected text after )");
      return values;
    }
    if (next?.type !== "comma") throw new DeviceFilterError("expected , or ) in the list");
    i += 2;
  }
}

function parseTerm(tokens: Token[]): DevicePredicate {
  const [head, op] = tokens;
  if (head.type !== "word") throw new DeviceFilterError(`unexpected "${head.text}"`);
  if (tokens.length === 1 && head.text === "online") return (d) => !d.offline;
  if (tokens.length === 1 && head.text === "offline") return (d) => d.offline;

  if (head.text === "created" && tokens.length === 3 && (op.text === "after" || op.text === "before")) {
    const day = tokens[2].text;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw new DeviceFilterError(`"${day}" is not a YYYY-MM-DD date`);
    }
    const at = Date.parse(`${day}T00:00:00Z`) / 1000;
    return op.text === "after" ? (d) => d.created >= at + 86_400 : (d) => d.created < at;
  }

  const numeric = NUMERIC_FIELDS[head.text];
  const enumField = ENUM_FIELDS[head.text];
  const field = numeric ?? enumField;
  if (!field || !op) throw new DeviceFilterError(`unknown condition "${tokens.map((t) => t.text).join(" ")}"`);

  const parseValue = (text: string): string | number => {
    if (numeric) {
      if (!/^\d+$/.test(text)) throw new DeviceFilterError(`"${text}" is not an id`);
      return Number(text);
    }
    // NinjaOne answers 500 to lower-case enum values (homotechsual/NinjaOne#12).
    if (!/^[A-Z][A-Z0-9_]*$/.test(text)) throw new DeviceFilterError(`"${text}" must be an upper-case value`);
    return text;
  };

  const opText = op.text;
  if (opText === "=" || opText === "eq" || opText === "!=" || opText === "neq") {
    if (tokens.length !== 3 || tokens[2].type !== "word")
      throw new DeviceFilterError(`expected one value after ${opText}`);
    const value = parseValue(tokens[2].text);
    const negate = opText === "!=" || opText === "neq";
    return (d) => (d[field] === value) !== negate;
  }
  if (opText === "in" || opText === "nin" || opText === "notin") {
    const values = new Set(readList(tokens, 2).map(parseValue));
    const negate = opText !== "in";
    return (d) => values.has(d[field]) !== negate;
  }
  throw new DeviceFilterError(`unknown operator "${opText}"`);
}

/** Parse a df expression; an empty or absent one matches everything. Throws DeviceFilterError. */
export function parseDeviceFilter(input: string | null | undefined): DevicePredicate {
  if (!input || !input.trim()) return () => true;
  const predicates = splitOnAnd(tokenize(input)).map(parseTerm);
  return (device) => predicates.every((p) => p(device));
}
