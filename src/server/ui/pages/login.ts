import { html, type Html } from '../html.js';

/** The sign-in form: one field labelled Token, one button, posted (never in the URL). */
export function loginBody(error?: string, next = '/'): Html {
  return html`<form method="post" action="/login" class="login" aria-labelledby="login-h">
<h1 id="login-h">Sign in</h1>
<p class="muted">Use an API token with the read scope (admins: the server's admin token).</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${next}">
<button type="submit" class="primary">Sign in</button>
</form>`;
}
