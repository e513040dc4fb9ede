import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { AuthCard } from "~/components/AuthCard";
import { Button, FormErrors, TextField } from "~/components/ui";
import { createWorkspaceWithOwner, emailTaken } from "~/lib/auth.server";
import { passwordProblem } from "@workers/domain/password-policy";
import { createSession } from "~/lib/session.server";
import { emailField, passwordField, requiredText } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Create your workspace · Core" }];

const SetupSchema = z.object({
  workspaceName: requiredText("Workspace name", 120),
  name: requiredText("Your name", 120),
  email: emailField,
  password: passwordField,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = await parseWithZod(formData, {
    schema: SetupSchema.superRefine(async (data, ctx) => {
      if (await emailTaken(context, data.email)) {
        ctx.addIssue({ code: "custom", path: ["email"], message: "An account with this e-mail already exists. Log in instead." });
      }
      const weak = passwordProblem(data.password, data.email);
      if (weak) ctx.addIssue({ code: "custom", path: ["password"], message: weak });
    }),
    async: true,
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { workspaceId, userId } = await createWorkspaceWithOwner(context, submission.value);
  const cookie = await createSession(context, request, userId, workspaceId);
  return redirect("/dashboard", { headers: { "Set-Cookie": cookie } });
}

export default function Setup() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetupSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <AuthCard
      title="Create your workspace"
      subtitle="One workspace for your MSP: customers, assets, tickets and your NinjaOne fleet."
      footer={
        <>
          Already have an account? <Link to="/login" className="text-indigo-600 hover:underline">Log in</Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors errors={form.errors} />
        <TextField label="Workspace name" field={fields.workspaceName} placeholder="Acme IT Services" />
        <TextField label="Your name" field={fields.name} autoComplete="name" />
        <TextField label="E-mail" field={fields.email} type="email" autoComplete="email" />
        <TextField label="Password" field={fields.password} type="password" autoComplete="new-password" hint="At least 10 characters." />
        <Button className="w-full" disabled={navigation.state !== "idle"}>
          Create workspace
        </Button>
      </Form>
    </AuthCard>
  );
}
