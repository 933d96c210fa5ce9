// Stand-ins for the Docusaurus client APIs the theme components use, for rendering them outside a
// Docusaurus build (tests/unit/fixtures.test.ts): what they add to the markup, and nothing more.
import type { ComponentProps } from 'react';

/** Link renders a plain link (Docusaurus adds the base URL, which is "/" here). */
export default function Link({ to, href, ...rest }: ComponentProps<'a'> & { to?: string }) {
  return <a href={to ?? href} {...rest} />;
}
