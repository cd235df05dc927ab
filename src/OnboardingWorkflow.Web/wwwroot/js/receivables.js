// Sends the chosen CSV file to the receivables import API as text/csv with fetch, so the file
// travels over HTTP and never through the Blazor connection (its messages are limited to 32 KB).
// The answer can be as long as the file: only a summary crosses back into .NET (the counts and the
// first rows that were not accepted, then accepted ones, each message clipped), and the full report
// stays in the browser as a downloadable JSON file.
const MAX_ROWS = 60;
const MAX_TEXT = 160;

let lastReportUrl = null;

function clip(text) {
  if (text == null) return null;
  const s = String(text);
  return s.length <= MAX_TEXT ? s : s.slice(0, MAX_TEXT - 1) + "…";
}

export async function importCsv(input, url) {
  const file = input && input.files && input.files[0];
  if (!file) {
    return { status: -1, body: null };
  }

  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      body: file,
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv", "Accept": "application/json" },
    });
  } catch {
    return { status: 0, body: null };
  }

  const text = await response.text();
  if (!response.ok) {
    return { status: response.status, body: text ? text.slice(0, 8000) : null };
  }

  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return { status: 0, body: null };
  }

  if (lastReportUrl) URL.revokeObjectURL(lastReportUrl);
  lastReportUrl = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const results = report.results || [];
  const order = { refused: 0, unchanged: 1, accepted: 2 };
  const shown = [...results]
    .sort((a, b) => (order[a.outcome] ?? 3) - (order[b.outcome] ?? 3) || a.row - b.row)
    .slice(0, MAX_ROWS)
    .sort((a, b) => a.row - b.row)
    .map(r => ({ row: r.row, kind: clip(r.kind), externalId: clip(r.externalId), outcome: r.outcome, code: r.code, message: clip(r.message) }));
  input.value = "";
  return {
    status: response.status,
    body: JSON.stringify({
      importId: report.importId, format: report.format, rows: report.rows, accepted: report.accepted,
      unchanged: report.unchanged, refused: report.refused, results: shown, reportUrl: lastReportUrl,
    }),
  };
}
