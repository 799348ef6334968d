import { join } from 'node:path';
import { tempDir } from '../helpers.js';
import { serverSuite } from './suite.js';

serverSuite('SQLite', () => join(tempDir('cg-store-'), 'store.db'));
