import { readFileSync } from 'node:fs';

/**
 * The tool's name and version, read from package.json: the one place the version is written.
 * The same relative path holds from src/core (tsx) and dist/core (built).
 */
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
