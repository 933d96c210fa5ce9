/** The doc footer, with "Cite this chapter" (or "Cite this essay") above the theme's own. */
import type { WrapperProps } from '@docusaurus/types';
import Footer from '@theme-init/DocItem/Footer';
import type FooterType from '@theme/DocItem/Footer';
import CiteThis from '@theme/CiteThis';
import type { ReactNode } from 'react';

import { useCitationMeta } from '../../../plugin/client';

type Props = WrapperProps<typeof FooterType>;

export default function FooterWrapper(props: Props): ReactNode {
  const cite = useCitationMeta()?.cite;
  return (
    <>
      {cite && <CiteThis cite={cite} />}
      <Footer {...props} />
    </>
  );
}
