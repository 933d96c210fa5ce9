/**
 * "Citation style: [APA ▾]". The choice applies site-wide and is remembered; the behaviour is
 * in src/clientModules/citationStyle.ts, shared with the switchers the remark plugin writes
 * into each chapter's References.
 */
import type { ReactNode } from 'react';

export default function StyleSwitcher({
  styles,
}: {
  styles: readonly { id: string; label: string }[];
}): ReactNode {
  return (
    <p className="citation-style-switcher">
      <label>
        Citation style{' '}
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
