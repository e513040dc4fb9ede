// Pages with several forms post a hidden `intent`; read it first to pick the permission to check.
import { z } from "zod";

export function readIntent<const T extends readonly [string, ...string[]]>(formData: FormData, intents: T): T[number] {
  const parsed = z.enum(intents).safeParse(formData.get("intent"));
  if (!parsed.success) throw new Response("This form action is not known.", { status: 400, statusText: "Bad Request" });
  return parsed.data;
}
