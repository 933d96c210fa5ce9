/**
 * A citation in a document's text: its data, loaded only where no server HTML shows it already
 * (see src/plugin/deferred.tsx), rendered by Citation, whose root is a `span`.
 */
import { lazy, type ReactNode } from 'react';

import { Deferred, type DeferredLoader } from '../../plugin/deferred';

const Citation = lazy(() => import('@theme/Citation'));

export default function CitationDocumentCitation({
  loader,
  index,
}: {
  loader: DeferredLoader;
  /** Its place among the document's citations. */
  index: number;
}): ReactNode {
  return (
    <Deferred roots={['span']} loader={loader}>
      {(data) => <Citation {...data.clusters![index]!} />}
    </Deferred>
  );
}
