// CSV downloads: csv-stringify does the quoting (RFC 4180) and the formula-injection escaping
// (escape_formulas: a cell starting with =, +, -, @, tab or CR gets a leading '); the body is a
// ReadableStream that asks for the next page only when the client has taken the last one, so a
// 100,000-row export never holds more than one page in the Worker.
import { stringify, type Options } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null | undefined;
export type CsvColumn<T> = { header: string; value: (row: T) => CsvCell };

const OPTIONS: Options = { escape_formulas: true, record_delimiter: "\r\n", cast: { boolean: (v) => (v ? "true" : "false") } };

/** One chunk of CSV text for some rows (the header row is a row of headers). */
export function csvChunk(rows: CsvCell[][]): string {
  return stringify(rows, OPTIONS);
}

/** Epoch ms as ISO 8601 (UTC), or empty. */
export const isoOrEmpty = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/**
 * A streamed CSV download: a UTF-8 byte-order mark (so spreadsheet programs read accents right),
 * the header row, then each page the iterator yields.
 */
export function csvResponse<T>(filename: string, columns: ReadonlyArray<CsvColumn<T>>, pages: AsyncIterable<T[]>): Response {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvChunk([columns.map((c) => c.header)])}`));
        return;
      }
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else if (value.length) controller.enqueue(encoder.encode(csvChunk(value.map((row) => columns.map((c) => c.value(row))))));
      } catch (error) {
        // The header is long gone, so the status cannot change: say so in the file rather than
        // end it cleanly and let a truncated export pass for a complete one.
        console.error("CSV export failed", error);
        controller.enqueue(encoder.encode(csvChunk([["ERROR: the export stopped early. Download it again."]])));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Keyset pages of a list: calls `page` with the previous page's cursor until there is none. */
export async function* keysetPages<T, C>(page: (after: C | undefined) => Promise<{ rows: T[]; next: C | null }>): AsyncGenerator<T[]> {
  let after: C | undefined;
  for (;;) {
    const result = await page(after);
    yield result.rows;
    if (!result.next) return;
    after = result.next;
  }
}
