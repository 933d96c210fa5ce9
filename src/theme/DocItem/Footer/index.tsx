/** The doc footer, with "Cite this chapter" (or "Cite this essay") above Docusaurus's own. */
import type { WrapperProps } from '@docusaurus/types';
import Footer from '@theme-original/DocItem/Footer';
import type FooterType from '@theme/DocItem/Footer';
import type { ReactNode } from 'react';

import CiteThis from '../../../components/CiteThis';
import { useCitationMeta } from '../../../components/CitationMetaContext';

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
