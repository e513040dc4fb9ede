// The Organization Mapping card on the NinjaOne page: how the organizations stand, and Review Mappings.
import type { OrgMappingSummary } from "@workers/sync/org-mapping";
import { ButtonLink, Card } from "~/components/ui";
import { OrgMappingLegend } from "./OrgMapping";

export const MAPPINGS_PAGE = "/settings/integrations/ninjaone/mappings";
export const MAP_PANEL = "/settings/integrations/ninjaone/map";

const nf = new Intl.NumberFormat("en-US");

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
            {summary.complete
              ? `All ${nf.format(summary.total)} organizations are mapped to customers.`
              : `${nf.format(summary.matched)} of ${nf.format(summary.matched + summary.unmatched)} organizations in NinjaOne have a customer; ${nf.format(summary.needingAttention)} need attention${summary.byStatus.auto ? ` and ${nf.format(summary.byStatus.auto)} auto-matches await review` : ""}.`}
          </p>
          <OrgMappingLegend counts={summary.byStatus} hrefFor={(status) => `${MAPPINGS_PAGE}?status=${status}`} />
        </div>
      )}
    </Card>
  );
}
