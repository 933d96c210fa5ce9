import path from 'node:path';

/** The package's folder. */
export const PACKAGE = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(PACKAGE, 'tests/fixtures');
