// The Organization Mapping card on the NinjaOne page: how the organizations stand, and Review Mappings.
import type { OrgMappingSummary } from "@workers/sync/org-mapping";
import { ButtonLink, Card } from "~/components/ui";
import { OrgMappingLegend } from "./OrgMapping";

export const MAPPINGS_PAGE = "/settings/integrations/ninjaone/mappings";
export const MAP_PANEL = "/settings/integrations/ninjaone/map";

const nf = new Intl.NumberFormat("en-US");
const plural = (n: number, one: string, many: string) => `${nf.format(n)} ${n === 1 ? one : many}`;

function summaryText(summary: OrgMappingSummary): string {
  if (summary.complete) return `All ${nf.format(summary.total)} organizations are mapped to customers.`;
  const inNinja = summary.matched + summary.unmatched;
  const parts = [`${nf.format(summary.matched)} of ${plural(inNinja, "organization", "organizations")} in NinjaOne ${inNinja === 1 ? "has" : "have"} a customer`];
  if (summary.needingAttention) parts.push(`${plural(summary.needingAttention, "needs", "need")} attention`);
  if (summary.byStatus.auto) parts.push(`${plural(summary.byStatus.auto, "auto-match awaits", "auto-matches await")} review`);
  return `${parts.join("; ")}.`;
}

export function OrgMappingCard({ summary }: { summary: OrgMappingSummary }) {
  return (
    <Card title="Organization Mapping" actions={<ButtonLink to={MAPPINGS_PAGE}>Review Mappings</ButtonLink>}>
      {summary.total === 0 ? (
        <p className="text-sm text-slate-600">
          No NinjaOne organizations yet. Click Sync Devices: the sync imports your organizations and matches them to customers by name.
        </p>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-600" data-testid="mapping-card-summary">
            {summaryText(summary)}
          </p>
          <OrgMappingLegend counts={summary.byStatus} hrefFor={(status) => `${MAPPINGS_PAGE}?status=${status}`} />
        </div>
      )}
    </Card>
  );
}
