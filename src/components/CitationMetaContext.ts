import { createContext, useContext } from 'react';

import type { CitationMeta } from '../plugins/citations/types';

/** The current document's `citationMeta` export, for components deep in the doc layout. */
export const CitationMetaContext = createContext<CitationMeta | undefined>(undefined);

export function useCitationMeta(): CitationMeta | undefined {
  return useContext(CitationMetaContext);
}
