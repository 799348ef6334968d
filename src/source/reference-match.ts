/**
 * Whether a tag recorded in an archive (`docker.io/library/alpine:3.19`, `alpine:3.19`) is the one
 * a user named (`alpine:3.19`, `alpine`, `library/alpine:3.19`). Docker Hub's implicit parts
 * (`docker.io/`, `library/`, `:latest`) are filled in on both sides before comparing.
 */
export function normalizeReference(ref: string): string {
  let r = ref.trim();
  const lastSlash = r.lastIndexOf('/');
  const hasTag = r.lastIndexOf(':') > lastSlash || r.includes('@');
  if (!hasTag) r += ':latest';
  const first = r.split('/')[0];
  const hasRegistry = r.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) r = 'docker.io/' + r;
  if (/^docker\.io\/[^/]+(:|@)/.test(r)) r = r.replace(/^docker\.io\//, 'docker.io/library/');
  return r;
}

export function matchesReference(recorded: string, wanted: string): boolean {
  return recorded === wanted || normalizeReference(recorded) === normalizeReference(wanted);
}
