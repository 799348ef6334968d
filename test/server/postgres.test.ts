import { after, before } from 'node:test';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { serverSuite } from './suite.js';

// One PostgreSQL cluster for this file; the suite gets its own database in it.
let pg: TestPostgres;
before(async () => {
  pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
});

serverSuite('PostgreSQL', () => pg.createDb('coastguard_suite'));
