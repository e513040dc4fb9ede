// The toasts of the signed-in shell: one polite live region (role=status), newest last. A toast
// hides itself after a few seconds (longer when it offers Undo), never while the pointer or the
// keyboard focus is on it, and has a Dismiss button. Undo is a plain form post to /undo, so it
// works before JavaScript has loaded too.
import { Form, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { cx } from "~/components/ui";

export type ToastView = { id: string; tone: "success" | "info" | "error"; message: string; undoId?: string };

const SHOW_MS = 6_000;
const SHOW_WITH_UNDO_MS = 12_000;

const TONES: Record<ToastView["tone"], string> = {
  success: "bg-slate-900 text-white",
  info: "bg-slate-800 text-white",
  error: "bg-rose-700 text-white",
};

export function Toaster({ toast }: { toast: ToastView | null }) {
  const [toasts, setToasts] = useState<ToastView[]>(() => (toast ? [toast] : []));
  const seen = useRef(new Set<string>(toast ? [toast.id] : []));
  useEffect(() => {
    if (!toast || seen.current.has(toast.id)) return;
    seen.current.add(toast.id);
    setToasts((list) => [...list.slice(-2), toast]);
  }, [toast]);
  const dismiss = (id: string) => setToasts((list) => list.filter((t) => t.id !== id));
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2 sm:left-auto sm:right-6"
    >
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
      ))}
    </div>
  );
}

function ToastItem({ toast, onDismiss }: { toast: ToastView; onDismiss: () => void }) {
  const location = useLocation();
  const [paused, setPaused] = useState(false);
  const remaining = useRef(toast.undoId ? SHOW_WITH_UNDO_MS : SHOW_MS);
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissRef.current(), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1_000, remaining.current - (Date.now() - started));
    };
  }, [paused]);
  return (
    <div
      data-testid="toast"
      data-tone={toast.tone}
      className={cx("pointer-events-auto flex max-w-md items-center gap-3 rounded-lg px-4 py-3 text-sm shadow-lg", TONES[toast.tone])}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <p className="min-w-0 flex-1 [overflow-wrap:anywhere]">{toast.message}</p>
      {toast.undoId ? (
        <Form method="post" action="/undo" className="shrink-0">
          <input type="hidden" name="undoId" value={toast.undoId} />
          <input type="hidden" name="back" value={location.pathname + location.search} />
          <button type="submit" className="rounded px-2 py-1 font-semibold text-indigo-200 underline-offset-2 hover:underline focus:outline-none focus:ring-2 focus:ring-white">
            Undo
          </button>
        </Form>
      ) : null}
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss"
        className="shrink-0 rounded px-1.5 py-0.5 text-lg leading-none text-slate-300 hover:text-white focus:outline-none focus:ring-2 focus:ring-white"
      >
        ×
      </button>
    </div>
  );
}
