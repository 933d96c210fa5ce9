/** The doc footer, with "Cite this chapter" (or "Cite this essay") above the theme's own. */
import type { WrapperProps } from '@docusaurus/types';
import Footer from '@theme-init/DocItem/Footer';
import type FooterType from '@theme/DocItem/Footer';
import { lazy, type ReactNode } from 'react';

import { useCitationDeferred, useCitationMeta } from '../../../plugin/client';
import { Deferred } from '../../../plugin/deferred';

// Loaded only where no server HTML shows the box already (see src/plugin/deferred.tsx).
const CiteThis = lazy(() => import('@theme/CiteThis'));

type Props = WrapperProps<typeof FooterType>;

export default function FooterWrapper(props: Props): ReactNode {
  const citeThis = useCitationMeta()?.citeThis;
  const loader = useCitationDeferred();
  return (
    <>
      {citeThis && loader && (
        <Deferred roots={['section']} loader={loader}>
          {(data) => data.cite && <CiteThis cite={data.cite} />}
        </Deferred>
      )}
      <Footer {...props} />
    </>
  );
}
