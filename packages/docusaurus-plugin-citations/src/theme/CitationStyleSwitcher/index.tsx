/**
 * "Citation style: [APA ▾]". The choice applies site-wide and is remembered; the behaviour is
 * in src/clientModules/citationStyle.ts.
 */
import type { ReactNode } from 'react';

export interface Props {
  styles: readonly { id: string; label: string }[];
}

export default function CitationStyleSwitcher({ styles }: Props): ReactNode {
  return (
    <p className="citation-style-switcher">
      <label>
        {'Citation style '}
        {/* autocomplete off: a browser must not restore a choice the page no longer shows. */}
        <select className="citation-style-select" name="citation-style" autoComplete="off">
          {styles.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}
