// The dashboard's getting-started checklist: five steps, each ticked from the workspace's real
// state and linking to the NinjaOne tab that does it. The dashboard leaves it out once all are done.
import { Link } from "@remix-run/react";
import type { GettingStartedStep } from "@workers/domain/getting-started";
import { Card, cx } from "~/components/ui";

export function GettingStartedChecklist({ steps, doneCount }: { steps: Array<GettingStartedStep & { to: string }>; doneCount: number }) {
  const next = steps.find((s) => !s.done);
  return (
    <section aria-labelledby="getting-started-title" className="mb-6" data-testid="getting-started">
      <Card>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="getting-started-title" className="text-base font-semibold">
            Get started with NinjaOne
          </h2>
          <p className="text-sm text-slate-600">
            {doneCount} of {steps.length} done
          </p>
        </div>
        <ol className="mt-3 space-y-2">
          {steps.map((step, i) => (
            <li key={step.id} data-step={step.id} data-done={step.done ? "yes" : "no"} className="flex items-start gap-3">
              <span
                aria-hidden="true"
                className={cx(
                  "mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                  step.done ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-600 ring-1 ring-slate-300",
                )}
              >
                {step.done ? "✓" : i + 1}
              </span>
              <div className="min-w-0">
                <Link
                  to={step.to}
                  className={cx("text-sm font-medium hover:underline", step.done ? "text-slate-500 line-through" : "text-indigo-700", step === next && "font-semibold")}
                >
                  {step.label}
                </Link>
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
                <p className="text-xs text-slate-600">{step.detail}</p>
              </div>
            </li>
          ))}
        </ol>
      </Card>
    </section>
  );
}
