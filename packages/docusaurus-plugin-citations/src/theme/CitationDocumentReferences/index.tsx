/**
 * A document's reference list, under the References heading the remark plugin adds: the
 * document's data, loaded only where no server HTML shows it already (see
 * src/plugin/deferred.tsx), rendered by CitationReferences.
 */
import { lazy, type ReactNode } from 'react';

import { useCitationScope } from '../../plugin/client';
import { Deferred, type DeferredLoader } from '../../plugin/deferred';

const CitationReferences = lazy(() => import('@theme/CitationReferences'));

export default function CitationDocumentReferences({
  loader,
  choice,
}: {
  loader: DeferredLoader;
  /** Whether the site offers a choice of styles. */
  choice: boolean;
}): ReactNode {
  if (useCitationScope().combined) return null;
  // CitationReferences' elements: the style choice, the entries, the document's downloads.
  const roots = choice ? (['p', 'ul', 'p'] as const) : (['ul', 'p'] as const);
  return (
    <Deferred roots={roots} loader={loader}>
      {(data) => data.references && <CitationReferences {...data.references} />}
    </Deferred>
  );
}
