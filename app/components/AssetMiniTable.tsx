// A compact asset table for pages that list a few assets of one customer or contact.
import { Link } from "@remix-run/react";
import { AssetStatusDot } from "./TicketDevicesCard";
import { Table, Td, Th } from "./ui";

export type AssetMiniRow = { id: string; name: string; category: string; status: string; serialNumber: string | null };

export function AssetMiniTable({ assets }: { assets: readonly AssetMiniRow[] }) {
  return (
    <Table>
      <thead className="bg-slate-50">
        <tr>
          <Th>Name</Th>
          <Th>Category</Th>
          <Th>Status</Th>
          <Th>Serial number</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {assets.map((a) => (
          <tr key={a.id}>
            <Td>
              <Link to={`/assets/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                {a.name}
              </Link>
            </Td>
            <Td>{a.category}</Td>
            <Td>
              <AssetStatusDot status={a.status} />
            </Td>
            <Td className="font-mono text-xs">{a.serialNumber ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
