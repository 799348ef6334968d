/** The dashboard's styles: system fonts only (offline), contrast ≥ 4.5:1 for text, visible focus. */
export const CLIENT_CSS = `
:root { --fg: #1b1b1f; --muted: #4a4a55; --bg: #ffffff; --line: #d0d0d8; --accent: #0b57d0; --panel: #f4f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.2rem; background: #16213e; color: #fff; }
header.top a { color: #fff; text-decoration: none; }
header.top nav a { margin-right: 1rem; }
header.top nav a[aria-current="page"] { text-decoration: underline; text-underline-offset: 4px; }
header.top .brand { font-weight: 700; }
header.top form { margin-left: auto; }
main { padding: 1rem 1.2rem 3rem; max-width: 1400px; }
h1 { font-size: 1.5rem; margin: .4rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f4b400; outline-offset: 2px; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; min-width: 9rem; }
.card .n { font-size: 1.5rem; font-weight: 700; display: block; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: var(--fg); }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-tools { display: flex; gap: .6rem; align-items: center; margin-top: .4rem; }
.table-tools input { padding: .3rem .5rem; border: 1px solid #767680; border-radius: 4px; min-width: 16rem; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; font-weight: 700; color: #fff; }
.sev-critical { background: #8b0000; } .sev-high { background: #b3261e; } .sev-medium { background: #8a5300; }
.sev-low { background: #1f5f8b; } .sev-unknown { background: #55555f; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
.login { max-width: 26rem; margin: 4rem auto; background: var(--panel); padding: 1.5rem; border-radius: 8px; border: 1px solid var(--line); }
.login label { display: block; font-weight: 600; margin-bottom: .3rem; }
.login input { width: 100%; padding: .5rem; border: 1px solid #767680; border-radius: 4px; margin-bottom: 1rem; }
button.primary { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .5rem 1rem; font: inherit; cursor: pointer; }
button.link { background: none; border: 1px solid #fff; color: #fff; border-radius: 4px; padding: .2rem .6rem; font: inherit; cursor: pointer; }
.error { color: #8b0000; font-weight: 600; }
.pkg-group { margin-bottom: 1rem; }
#trend { min-height: 230px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .4rem; z-index: 10; }
.skip:focus { left: 0; }
`;
