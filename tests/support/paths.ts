import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
