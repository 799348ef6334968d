/**
 * The dashboard's one script (progressive enhancement: every page works without it). It sorts and
 * filters tables in place, keeping the state in the query string, and draws the trend chart with
 * uPlot from the API's events (through /ui/api, the same-origin door that adds the session token).
 */
export const CLIENT_JS = String.raw`(() => {
  'use strict';
  const setParam = (key, value) => {
    const u = new URL(location.href);
    if (value) u.searchParams.set(key, value); else u.searchParams.delete(key);
    history.replaceState(null, '', u.pathname + (u.search ? u.search : '') + u.hash);
  };

  // Filtering: rows whose text holds the query stay visible.
  for (const input of document.querySelectorAll('input[data-filter]')) {
    const id = input.getAttribute('data-filter');
    const table = document.getElementById(id);
    const count = document.querySelector('[data-count="' + id + '"]');
    if (!table) continue;
    const rows = Array.from(table.tBodies[0].rows);
    const apply = () => {
      const q = input.value.trim().toLowerCase();
      let shown = 0;
      for (const r of rows) {
        const ok = !q || (r.getAttribute('data-text') || '').includes(q);
        r.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = shown + ' of ' + rows.length;
      setParam(id + '-q', input.value.trim());
    };
    input.addEventListener('input', apply);
  }

  // Sorting: a header button sorts by its column; again reverses.
  for (const btn of document.querySelectorAll('button[data-sort-col]')) {
    btn.addEventListener('click', () => {
      const th = btn.closest('th');
      const table = btn.closest('table');
      const col = Number(btn.getAttribute('data-sort-col'));
      const desc = th.getAttribute('aria-sort') === 'ascending';
      for (const other of table.querySelectorAll('th')) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      const key = (r) => r.cells[col] ? r.cells[col].getAttribute('data-sort') || '' : '';
      const numeric = rows.every((r) => key(r) === '' || !isNaN(Number(key(r))));
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        const c = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'en', { numeric: true });
        return desc ? -c : c;
      });
      for (const r of rows) body.appendChild(r);
      setParam(table.id + '-sort', (desc ? '-' : '') + btn.getAttribute('data-sort-label'));
    });
  }

  // The trend of open findings: cumulative new minus resolved, per day.
  const trend = document.getElementById('trend');
  if (trend && window.uPlot) {
    const status = document.getElementById('trend-status');
    (async () => {
      const perDay = new Map();
      const r = await fetch('/ui/api/v1/events/trend', { credentials: 'same-origin' });
      if (!r.ok) throw new Error('events: HTTP ' + r.status);
      for (const d of (await r.json()).days) perDay.set(Date.parse(d.day + 'T00:00:00Z') / 1000, d.new - d.resolved);
      const days = Array.from(perDay.keys()).sort((a, b) => a - b);
      const xs = [], ys = [];
      let open = 0;
      for (const d of days) { open += perDay.get(d); xs.push(d); ys.push(open); }
      if (xs.length === 1) { xs.unshift(xs[0] - 86400); ys.unshift(0); }
      if (status) status.textContent = xs.length ? 'Open findings per day, ' + ys[ys.length - 1] + ' now.' : 'No events yet.';
      if (!xs.length) return;
      new window.uPlot({
        width: Math.min(trend.clientWidth || 700, 900), height: 220,
        series: [{}, { label: 'open findings', stroke: '#b3261e', width: 2, fill: 'rgba(179,38,30,0.08)' }],
        axes: [{}, {}],
      }, [xs, ys], trend);
    })().catch((e) => { if (status) status.textContent = 'Trend unavailable: ' + e.message; });
  }
})();
`;
