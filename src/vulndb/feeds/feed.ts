import type { FeedSink } from '../types.js';

/**
 * What every feed module exports as `feed`: its format id (recorded in the DB's sources) and the
 * parsers for the inputs it reads. Each parser claims an input by returning the number of records
 * it added, or `undefined` when the input is not of its format; a malformed input of its format
 * throws FeedError. Registered in ./registry.ts (a test checks every feed file is).
 */
export interface Feed {
  id: string;
  /** A parsed JSON or YAML document. */
  parseDocument?(doc: unknown, where: string, sink: FeedSink): number | undefined;
  /** A text file (.md, .toml, .txt, .csv or no extension). */
  parseText?(text: string, where: string, sink: FeedSink): number | undefined;
}
