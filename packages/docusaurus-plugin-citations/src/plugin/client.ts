/**
 * What the theme components share in the browser: the scope a document is rendered in, and the
 * current document's citation metadata. Browser code only: no Node module may be imported here.
 */
import { createContext, useContext } from 'react';

import type { DeferredLoader } from './deferred';
import type { CitationMeta } from './types';

export { STYLE_STORAGE_KEY } from './constants';

/** Where a document is being rendered. */
export interface CitationScope {
  /**
   * Put in front of every id the document renders, and of every same-page link to one: the
   * print edition holds several documents on one page, and their ids must not collide.
   */
  idPrefix: string;
  /**
   * Whether the page gathers the references of several documents in one list (the print
   * edition): each document's own list then gives way to it.
   */
  combined: boolean;
}

export const CitationScopeContext = createContext<CitationScope>({
  idPrefix: '',
  combined: false,
});

export function useCitationScope(): CitationScope {
  return useContext(CitationScopeContext);
}

/** The current document's citation metadata (its `citationMeta` export), for the doc layout. */
export const CitationMetaContext = createContext<CitationMeta | undefined>(undefined);

export function useCitationMeta(): CitationMeta | undefined {
  return useContext(CitationMetaContext);
}

/** The current document's `citationDeferred` export (see src/plugin/deferred.tsx). */
export const CitationDeferredContext = createContext<DeferredLoader | undefined>(undefined);

export function useCitationDeferred(): DeferredLoader | undefined {
  return useContext(CitationDeferredContext);
}
