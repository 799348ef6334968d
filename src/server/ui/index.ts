import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UiContext } from '../ui-context.js';

/**
 * The dashboard's entry: called for every request outside /api/ and /harbor/. Returns true when
 * it answered the request, false to let the server answer 404. (Owned by the dashboard.)
 */
export async function handleUi(_req: IncomingMessage, _res: ServerResponse, _ctx: UiContext): Promise<boolean> {
  return false;
}
