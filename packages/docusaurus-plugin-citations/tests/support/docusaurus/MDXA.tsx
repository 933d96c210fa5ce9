import Link from '@docusaurus/Link';
import type { ComponentProps } from 'react';

/** MDX's link: Link (Docusaurus also adds a class for anchors under its sticky navbar). */
export default function MDXA(props: ComponentProps<'a'>) {
  return <Link {...props} />;
}
