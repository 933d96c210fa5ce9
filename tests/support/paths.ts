import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** The citations plugin's package, its tests and their fixtures. */
export const PLUGIN = path.join(ROOT, 'packages/docusaurus-plugin-citations');
export const FIXTURES = path.join(PLUGIN, 'tests/fixtures');
