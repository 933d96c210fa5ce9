// Every link of the built essay resolves: pages, assets, downloads (pathname:// links, which
// Docusaurus's own checker does not see) and the fragment each one points to.
import { expect, inject, it } from 'vitest';

import config from '../../docusaurus.config';
import { checkLinks } from '../support/links';

it('has every page, asset, download and fragment that its HTML links to', () => {
  expect(checkLinks(inject('buildDir'), config.baseUrl, config.url)).toEqual([]);
});
