/**
 * Wraps the whole site once: adds the polite live region through which the copy buttons
 * (src/clientModules/copyToClipboard.ts) tell screen readers how a copy went. It is in the page
 * from the start, as a live region must be for its changes to be read out.
 */
import Root from '@theme-init/Root';
import type { ReactNode } from 'react';

import { useHydrated } from '../../plugin/deferred';

export default function RootWrapper({ children }: { children: ReactNode }): ReactNode {
  useHydrated();
  return (
    <Root>
      {children}
      <div id="copy-status" role="status" aria-live="polite" className="visually-hidden" />
    </Root>
  );
}
