/**
 * Engine events (GET /events) in one shape whatever wrote them. Known differences: Podman says
 * `died` / `exec_died` where Docker says `die` / `exec_die`; Docker appends the command to exec
 * actions (`exec_start: sh -c …`); Docker 29 dropped the old top-level `status`, `id` and `from`
 * (only `Type`, `Action`, `Actor` remain), older engines may send only those.
 */
export interface EngineEvent {
  /** container, image, network, volume… */
  type: string;
  /** The action, normalised: create, start, die, exec_create, exec_start, exec, exec_die, destroy… */
  action: string;
  /** What followed a colon in the action (Docker: the exec'd command line, the health status). */
  detail?: string;
  /** The actor: container id for container events. */
  id: string;
  name?: string;
  image?: string;
  attributes: Record<string, string>;
  timeNano: bigint;
}

const ALIASES: Record<string, string> = { died: 'die', exec_died: 'exec_die', remove: 'destroy' };

/**
 * `line`, when given, is the JSON text the event came in: timeNano is read from it, since the
 * number (about 1.8e18) is beyond what a JavaScript number holds exactly.
 */
export function normalizeEvent(raw: unknown, line?: string): EngineEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const actor = (typeof r.Actor === 'object' && r.Actor !== null ? r.Actor : {}) as { ID?: unknown; Attributes?: unknown };
  const attributes: Record<string, string> = {};
  if (typeof actor.Attributes === 'object' && actor.Attributes !== null) {
    for (const [k, v] of Object.entries(actor.Attributes)) if (typeof v === 'string') attributes[k] = v;
  }
  const full = String(r.Action ?? r.status ?? '');
  if (!full) return undefined;
  const colon = full.indexOf(':');
  const verb = (colon >= 0 ? full.slice(0, colon) : full).trim();
  const detail = colon >= 0 ? full.slice(colon + 1).trim() : undefined;
  let timeNano: bigint;
  try {
    const exact = line ? /"timeNano"\s*:\s*(\d+)/.exec(line)?.[1] : undefined;
    timeNano = exact ? BigInt(exact) : r.timeNano !== undefined ? BigInt(r.timeNano as number) : BigInt(Math.trunc(Number(r.time ?? 0))) * 1_000_000_000n;
  } catch {
    timeNano = BigInt(Date.now()) * 1_000_000n;
  }
  const image = attributes.image ?? (typeof r.from === 'string' ? r.from : undefined);
  return {
    type: String(r.Type ?? r.type ?? 'container'),
    action: ALIASES[verb] ?? verb,
    ...(detail ? { detail } : {}),
    id: String(actor.ID ?? r.id ?? ''),
    ...(attributes.name ? { name: attributes.name } : {}),
    ...(image ? { image } : {}),
    attributes,
    timeNano,
  };
}

/** Splits a byte stream of JSON objects, one per line (as both engines write them), into events. */
export async function* engineEvents(stream: AsyncIterable<Buffer | string>): AsyncGenerator<{ event?: EngineEvent; bad?: string }> {
  let buf = '';
  for await (const chunk of stream) {
    buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        yield { bad: line.slice(0, 200) };
        continue;
      }
      const event = normalizeEvent(parsed, line);
      yield event ? { event } : { bad: line.slice(0, 200) };
    }
  }
}
