import { html, type Html } from './html.js';

export type Section = 'overview' | 'events' | 'rules' | 'admin' | 'none';

const NAV: [Section, string, string][] = [
  ['overview', '/', 'Overview'],
  ['events', '/events', 'Events'],
  ['rules', '/rules', 'Rules'],
  ['admin', '/admin', 'Tokens & audit'],
];

/** The page shell: skip link, navigation, one <main>, our bundled script and styles only. */
export function page(title: string, section: Section, body: Html, o: { signedIn?: boolean; head?: Html } = {}): string {
  const signedIn = o.signedIn ?? true;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Coastguard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">${o.head ?? ''}
</head><body>
<a href="#main" class="skip">Skip to content</a>
<header class="top"><a class="brand" href="/">Coastguard</a>
${signedIn ? html`<nav aria-label="Main">${NAV.map(([s, href, label]) => html`<a href="${href}"${s === section ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
<form method="post" action="/logout"><button type="submit" class="link">Sign out</button></form>` : ''}
</header>
<main id="main">${body}</main>
<script src="/assets/app.js" defer></script>
</body></html>`.text;
}
