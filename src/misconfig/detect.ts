import { basename } from 'node:path';

export type DetectedType = 'dockerfile' | 'yaml' | 'compose' | undefined;

const DOCKERFILE_NAME = /^(dockerfile|containerfile)([._-].*)?$|\.(dockerfile|containerfile)$/i;
const COMPOSE_NAME = /^(docker-)?compose([._-].*)?\.ya?ml$/i;
const YAML_NAME = /\.(ya?ml|json)$/i;

/** What a file is, from its name alone (the walk uses this to decide which bodies to read). */
export function typeFromName(path: string): DetectedType {
  const name = basename(path);
  if (COMPOSE_NAME.test(name)) return 'compose';
  // Templates (Dockerfile.template, .j2, .tpl) are not Dockerfiles until rendered.
  if (DOCKERFILE_NAME.test(name) && !/\.(ya?ml|json|md|txt|sh|py|go|js|ts|template|tmpl|tpl|j2|jinja2?|erb|mustache|hbs)$/i.test(name)) return 'dockerfile';
  if (YAML_NAME.test(name)) return 'yaml';
  return undefined;
}

/** What text read from stdin (or a file with an unhelpful name) is, from its content. */
export function typeFromContent(text: string): DetectedType {
  const head = text.slice(0, 64 * 1024);
  if (/^\s*(apiVersion|kind)\s*:/m.test(head) || /^\s*[{[]/.test(head) && /"apiVersion"\s*:/.test(head)) return 'yaml';
  if (/^services\s*:/m.test(head)) return 'compose';
  const firstInstruction = head.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  if (firstInstruction && /^(FROM|ARG)\s+\S/i.test(firstInstruction)) return 'dockerfile';
  return undefined;
}
