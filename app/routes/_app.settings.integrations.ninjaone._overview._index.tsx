// The Overview tab at its own URL: everything is in the _overview layout; this index only makes
// /settings/integrations/ninjaone match it (the quick mapping panel is its sibling, /map).
export default function OverviewIndex() {
  return null;
}
