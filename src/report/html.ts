import { SEVERITIES, type Finding, type ScanResult, type Severity } from '../core/index.js';
import {
  artifactTitle, escapeHtml as h, findingPackage, fixText, fixedVersion, isoNow, kindCounts, severityCounts, sortFindings,
  riskLabel, whyText, type ReportOptions,
} from './util.js';
import { upgradeHtmlSection } from './upgrades.js';

const COLOUR: Record<Severity, string> = {
  CRITICAL: '#b3001b',
  HIGH: '#e4572e',
  MEDIUM: '#e8a317',
  LOW: '#3c7dd9',
  UNKNOWN: '#8a8a8a',
};

const CSS = `
:root{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d232a;background:#f6f7f9}
body{margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:1.5rem;margin:0 0 4px}.meta{color:#5b6570;margin:0 0 20px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.card{background:#fff;border-radius:8px;padding:12px 16px;min-width:110px;box-shadow:0 1px 2px #0002;border-top:4px solid var(--c)}
.card .count{font-size:1.8rem;font-weight:700}.card .label{font-size:.8rem;color:#5b6570;text-transform:uppercase}
.charts{display:flex;gap:24px;flex-wrap:wrap;background:#fff;border-radius:8px;padding:16px;margin-bottom:16px;box-shadow:0 1px 2px #0002}
.charts figure{margin:0}.charts figcaption{font-weight:600;margin-bottom:8px}
.filters{display:flex;gap:16px;flex-wrap:wrap;align-items:center;background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:12px;box-shadow:0 1px 2px #0002}
.filters label{white-space:nowrap}input[type=search]{padding:4px 8px;min-width:240px}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0002;border-radius:8px;overflow:hidden}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e6e8eb;vertical-align:top;font-size:.9rem}
th{background:#eef0f3}
.sev{display:inline-block;color:#fff;border-radius:4px;padding:1px 6px;font-size:.75rem;font-weight:700;background:var(--c)}
details summary{cursor:pointer}details .body{padding:6px 0 2px;color:#333}details .body p{margin:4px 0}
code{background:#eef0f3;padding:0 3px;border-radius:3px}
.empty{padding:24px;text-align:center;background:#fff;border-radius:8px}
`;

// Filtering runs in the page: rows carry data-severity / data-kind / data-text; nothing is fetched.
const JS = `
(function(){
  var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));
  var sev=[].slice.call(document.querySelectorAll('input[name=severity]'));
  var kind=document.getElementById('filter-kind');
  var q=document.getElementById('filter-text');
  var shown=document.getElementById('shown-count');
  function apply(){
    var on={};sev.forEach(function(c){on[c.value]=c.checked});
    var k=kind.value, t=q.value.trim().toLowerCase(), n=0;
    rows.forEach(function(r){
      var ok=on[r.dataset.severity]&&(!k||r.dataset.kind===k)&&(!t||r.dataset.text.indexOf(t)>=0);
      r.hidden=!ok; if(ok)n++;
    });
    shown.textContent=String(n);
  }
  sev.forEach(function(c){c.addEventListener('change',apply)});
  kind.addEventListener('change',apply);q.addEventListener('input',apply);
  apply();
})();
`;

function barChart(data: [string, number, string][], caption: string, id: string): string {
  const max = Math.max(1, ...data.map(([, n]) => n));
  const rowH = 22;
  const width = 360;
  const bars = data
    .map(([label, n, colour], i) => {
      const w = Math.round((n / max) * (width - 150));
      const y = i * rowH;
      return (
        `<text x="0" y="${y + 15}" font-size="12">${h(label)}</text>` +
        `<rect x="90" y="${y + 3}" width="${w}" height="16" fill="${colour}" rx="2"/>` +
        `<text x="${96 + w}" y="${y + 15}" font-size="12">${n}</text>`
      );
    })
    .join('');
  return (
    `<figure id="${id}"><figcaption>${h(caption)}</figcaption>` +
    `<svg role="img" aria-label="${h(caption)}" width="${width}" height="${data.length * rowH}" viewBox="0 0 ${width} ${data.length * rowH}">${bars}</svg></figure>`
  );
}

function findingRow(f: Finding): string {
  const p = findingPackage(f);
  const where = f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path;
  const why = whyText(f);
  const fix = fixText(f);
  const text = [f.id, ...f.aliases, f.title, f.target, where, p?.name ?? ''].join(' ').toLowerCase();
  const refs = (f.references ?? []).filter((u) => /^https?:\/\//.test(u)).slice(0, 5);
  return (
    `<tr data-severity="${f.severity}" data-kind="${h(f.kind)}" data-text="${h(text)}">` +
    `<td><span class="sev" style="--c:${COLOUR[f.severity]}">${f.severity}</span></td>` +
    `<td>${h(f.kind)}</td>` +
    `<td><details><summary><strong>${h(f.id)}</strong>${riskLabel(f) ? ` <em class="risk">${h(riskLabel(f))}</em>` : ''} ${h(f.title)}</summary><div class="body">` +
    (f.aliases.length ? `<p>Also known as: ${f.aliases.map(h).join(', ')}</p>` : '') +
    `<p><strong>Why:</strong> ${h(why ?? f.title)}</p>` +
    `<p><strong>Fix:</strong> ${h(fix ?? 'See the references.')}</p>` +
    (refs.length ? `<p>${refs.map((u) => `<a href="${h(u)}" rel="noreferrer">${h(u)}</a>`).join('<br>')}</p>` : '') +
    `</div></details></td>` +
    `<td>${p ? `${h(p.name)} <code>${h(p.version ?? '')}</code>` : ''}</td>` +
    `<td>${h(fixedVersion(f) ?? '')}</td>` +
    `<td>${f.target === f.location.path ? '' : `${h(f.target)}<br>`}<code>${h(where)}</code></td>` +
    `</tr>`
  );
}

/**
 * One self-contained HTML file (no network, inline CSS/JS/SVG): summary cards and charts, filters
 * by severity, kind and text, and every finding with why it matters and how to fix it.
 */
export function writeHtml(result: ScanResult, opts: ReportOptions = {}): string {
  const counts = severityCounts(result.findings);
  const kinds = kindCounts(result.findings);
  const sevDesc = [...SEVERITIES].reverse();
  const cards =
    `<div class="card" data-testid="count-total" style="--c:#1d232a"><div class="count">${result.findings.length}</div><div class="label">findings</div></div>` +
    sevDesc
      .map((s) => `<div class="card" data-testid="count-${s}" style="--c:${COLOUR[s]}"><div class="count">${counts[s]}</div><div class="label">${s}</div></div>`)
      .join('') +
    `<div class="card" data-testid="count-packages" style="--c:#2a9d8f"><div class="count">${result.packages.length}</div><div class="label">packages</div></div>` +
    `<div class="card" data-testid="count-suppressed" style="--c:#6c757d"><div class="count">${result.suppressed?.length ?? 0}</div><div class="label">suppressed</div></div>`;
  const charts =
    barChart(sevDesc.map((s) => [s, counts[s], COLOUR[s]]), 'Findings by severity', 'chart-severity') +
    barChart(Object.entries(kinds).map(([k, n]) => [k, n, '#2a6f97']), 'Findings by kind', 'chart-kind');
  const filters =
    `<div class="filters" id="filters"><strong>Filter:</strong>` +
    sevDesc.map((s) => `<label><input type="checkbox" name="severity" value="${s}" checked> ${s}</label>`).join('') +
    `<label>Kind <select id="filter-kind"><option value="">all</option>${Object.keys(kinds).map((k) => `<option value="${h(k)}">${h(k)}</option>`).join('')}</select></label>` +
    `<input type="search" id="filter-text" placeholder="id, package, path…" aria-label="search">` +
    `<span>Showing <strong id="shown-count">${result.findings.length}</strong> of ${result.findings.length}</span></div>`;
  const table = result.findings.length
    ? `<table id="findings"><thead><tr><th>Severity</th><th>Kind</th><th>Finding</th><th>Package</th><th>Fixed in</th><th>Where</th></tr></thead><tbody>` +
      sortFindings(result.findings).map(findingRow).join('') +
      `</tbody></table>`
    : `<div class="empty" id="no-findings">No findings.</div><table id="findings" hidden><tbody></tbody></table>`;
  const os = result.artifact.os;
  const meta = [
    result.artifact.type,
    result.artifact.digest,
    os ? `${os.name ?? `${os.family} ${os.version}`}${os.eol ? ` (end of life ${os.eol})` : ''}` : undefined,
    `scanned ${isoNow(opts)}`,
  ].filter(Boolean).map((x) => h(String(x))).join(' · ');
  const suppressed = result.suppressed?.length
    ? `<h2>Suppressed (${result.suppressed.length})</h2><table id="suppressed"><thead><tr><th>ID</th><th>Where</th><th>By</th><th>Reason</th></tr></thead><tbody>` +
      result.suppressed
        .map((s) => `<tr><td>${h(s.finding.id)}</td><td>${h(findingPackage(s.finding)?.name ?? s.finding.location.path)}</td><td>${h(s.by)}</td><td>${h(s.reason)}</td></tr>`)
        .join('') +
      `</tbody></table>`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Coastguard report: ${h(result.artifact.name)}</title><style>${CSS}</style></head>
<body>
<h1>${h(artifactTitle(result))}</h1><p class="meta">${meta}</p>
<section class="cards" id="summary">${cards}</section>
<section class="charts">${charts}</section>
${filters}
${table}
${upgradeHtmlSection(result)}
${suppressed}
<script>${JS}</script>
</body></html>
`;
}
