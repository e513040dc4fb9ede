// Who may add, promote, demote, disable and enable whom. Pure: the caller loads the facts.
import { canAssignRole, ROLE_LABELS, type Role } from "./permissions";

export type Refusal = {
  /** 403: the actor's rank does not allow it; 409: it would leave no active Owner; 400: not allowed at all. */
  status: 400 | 403 | 409;
  message: string;
};

type Person = { id: string; role: Role };
type Target = Person & { disabled: boolean };

export const LAST_OWNER_REFUSAL: Refusal = {
  status: 409,
  message: "A workspace needs at least one active Owner. Make someone else an Owner first.",
};

/** Adding a teammate, or creating an API key: the role handed out must be at or below the actor's. */
export function checkGrantRole(actorRole: Role, role: Role): Refusal | null {
  if (canAssignRole(actorRole, role)) return null;
  return role === "owner"
    ? { status: 403, message: "Only an Owner can make someone an Owner." }
    : { status: 403, message: `As ${article(actorRole)} ${ROLE_LABELS[actorRole]} you cannot hand out the ${ROLE_LABELS[role]} role.` };
}

/** The actor may only manage people at or below their own rank (an Admin cannot touch an Owner). */
function checkRank(actor: Person, target: Person): Refusal | null {
  if (canAssignRole(actor.role, target.role)) return null;
  return { status: 403, message: `As ${article(actor.role)} ${ROLE_LABELS[actor.role]} you cannot change ${article(target.role)} ${ROLE_LABELS[target.role]}.` };
}

export function checkRoleChange(input: { actor: Person; target: Target; newRole: Role; activeOwners: number }): Refusal | null {
  const { actor, target, newRole, activeOwners } = input;
  if (newRole === target.role) return null;
  const refusal = checkRank(actor, target) ?? checkGrantRole(actor.role, newRole);
  if (refusal) return refusal;
  if (target.role === "owner" && !target.disabled && activeOwners <= 1) return LAST_OWNER_REFUSAL;
  return null;
}

export function checkStatusChange(input: { actor: Person; target: Target; disable: boolean; activeOwners: number }): Refusal | null {
  const { actor, target, disable, activeOwners } = input;
  if (disable === target.disabled) return null;
  if (disable && actor.id === target.id) return { status: 400, message: "You cannot disable your own account." };
  const refusal = checkRank(actor, target);
  if (refusal) return refusal;
  if (disable && target.role === "owner" && activeOwners <= 1) return LAST_OWNER_REFUSAL;
  return null;
}

function article(role: Role) {
  return role === "admin" || role === "observer" || role === "owner" ? "an" : "a";
}
