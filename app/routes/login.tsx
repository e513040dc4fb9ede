import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuthCard } from "~/components/AuthCard";
import { Button, FormErrors, TextField } from "~/components/ui";
import { attemptLogin } from "~/lib/auth.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { createSession, getSessionUser } from "~/lib/session.server";
import { emailField } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Log in · Core" }];

const LoginSchema = z.object({
  email: emailField,
  password: z.string({ error: "Password is required." }).min(1, "Password is required.").max(200),
  next: z.string().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getSessionUser(context, request)) return redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const outcome = await attemptLogin(context, request, submission.value);
  if (!outcome.ok) {
    const message =
      outcome.reason === "throttled"
        ? `Too many failed attempts. Try again in ${outcome.retryAfterSeconds} seconds.`
        : "E-mail or password is incorrect.";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: outcome.reason === "throttled" ? 429 : 400 },
    );
  }
  const cookie = await createSession(context, request, outcome.userId, outcome.workspaceId);
  const headers = new Headers({ "Set-Cookie": cookie });
  if (outcome.deviceCookie) headers.append("Set-Cookie", outcome.deviceCookie);
  return redirect(safeRedirectPath(submission.value.next), { headers });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <AuthCard
      title="Log in"
      footer={
        <>
          New to Core? <Link to="/setup" className="text-indigo-600 hover:underline">Create a workspace</Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="next" value={searchParams.get("next") ?? ""} />
        <TextField label="E-mail" field={fields.email} type="email" autoComplete="email" />
        <TextField label="Password" field={fields.password} type="password" autoComplete="current-password" />
        <Button className="w-full" disabled={navigation.state !== "idle"}>
          Log in
        </Button>
      </Form>
    </AuthCard>
  );
}
