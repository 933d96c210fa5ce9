/**
 * Markup that is large, static and rendered from data (a document's citations, its reference
 * list and its "Cite this" box): the server renders it in full, and on the first load the browser keeps that
 * HTML as it is, without downloading its data or its components. Everything a reader does in it
 * is handled by document-level listeners (the client modules), so React need not own it. Where
 * no server HTML exists (a page reached by a navigation inside the site, or `npm start`), the
 * data and components are loaded and rendered as usual.
 * Browser code only: no Node module may be imported here.
 */
import { use, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

import type { ExportFormat } from '../citations/formats';
import type { ClusterData, EntryData } from '../citations/render';
import type { CitationMeta } from './types';

/** What a document's page renders only where no server HTML exists (see src/remark/citations.ts). */
export interface DeferredData {
  references?: {
    entries: EntryData[];
    styles: { id: string; label: string }[];
    downloads: { format: ExportFormat; path: string }[];
  };
  cite?: NonNullable<CitationMeta['cite']>;
  /** The citations in the text, in order (the remark plugin's `index` prop). */
  clusters?: ClusterData[];
}

/**
 * A document's `citationDeferred` export: `() => import('…/deferred/<document>.json')` in a
 * production build, `() => Promise.resolve({ default: data })` otherwise (`npm start`; see
 * SiteState's `inlineDeferred`).
 */
export type DeferredLoader = () => Promise<{ default: DeferredData }>;

// One request per document, whichever component asks first; the promise must be the same
// object from one render to the next for `use` to wait on it.
const loading = new WeakMap<DeferredLoader, Promise<DeferredData>>();

function load(loader: DeferredLoader): Promise<DeferredData> {
  let promise = loading.get(loader);
  if (!promise) {
    promise = loader().then(
      (module) => module.default,
      (error: unknown) => {
        // A failed download (the reader went offline) is tried again by the next render.
        loading.delete(loader);
        throw error;
      },
    );
    loading.set(loader, promise);
  }
  return promise;
}

// Whether this page load began with the server's HTML (not so under `npm start`): read when the
// site's code starts, before React has rendered anything.
const serverHtml =
  typeof document !== 'undefined' && document.getElementById('__docusaurus')?.firstChild != null;

// False until the first hydration has committed: a component that mounts before then is being
// hydrated over the server's HTML.
let hydrated = false;

/** Marks the end of the first hydration; called once, from the site's Root. */
export function useHydrated(): void {
  useEffect(() => {
    hydrated = true;
  }, []);
}

function Loaded({
  loader,
  render,
}: {
  loader: DeferredLoader;
  render: (data: DeferredData) => ReactNode;
}): ReactNode {
  return render(use(load(loader)));
}

type Root = 'div' | 'span' | 'p' | 'ul' | 'section';

/**
 * What `children` renders from the document's deferred data, which must be elements of the
 * types `roots`, in order. While the data loads, the component suspends, and there is no
 * Suspense boundary on purpose: a navigation then keeps the previous page until the new one is
 * whole (React stays on the previous screen when no boundary catches a suspension), so that
 * Docusaurus scrolls to an address's #anchor in the complete page; and the server waits for it
 * all before it writes the page (Docusaurus renders with `onAllReady`).
 */
export function Deferred({
  roots,
  loader,
  children,
}: {
  roots: readonly Root[];
  loader: DeferredLoader;
  children: (data: DeferredData) => ReactNode;
}): ReactNode {
  // Decided when the component mounts: later renders keep the answer.
  const [fromServer, setFromServer] = useState(() => serverHtml && !hydrated);
  const kept = useRef<(Element | null)[]>([]);
  // Had React given up hydrating (a mismatch elsewhere makes it render the page afresh), the
  // stand-ins would be new, empty elements: the markup is then rendered from the data.
  useLayoutEffect(() => {
    if (fromServer && kept.current.some((element) => !element?.hasChildNodes()))
      setFromServer(false);
  }, [fromServer]);
  if (fromServer) {
    // React neither hydrates nor replaces the children of an element it is given as inner
    // HTML, nor, in production, the attributes the server wrote; the same empty string on
    // every render means it never writes them.
    return roots.map((Root, i) => (
      <Root
        key={i}
        ref={(element: Element | null) => {
          kept.current[i] = element;
        }}
        suppressHydrationWarning
        dangerouslySetInnerHTML={{ __html: '' }}
      />
    ));
  }
  return <Loaded loader={loader} render={children} />;
}
