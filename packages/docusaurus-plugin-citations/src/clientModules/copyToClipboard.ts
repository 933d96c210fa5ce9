/**
 * Every "Copy …" button of the site is rendered with what it copies: the text itself
 * (`data-copy-text`, "Cite this chapter"), or the file that the download link beside it points
 * to (`data-copy-link`, a reference entry's own .bib, among the actions that its "Cite ▾" button
 * opens: ./lazy/entryActions.ts). This one listener copies it and says so in a polite live
 * region, so screen readers announce it; it also opens an entry's actions.
 *
 * The clipboard is asked for here, during the click, which is what gives the page the right
 * to write to it; it gets the text once the rest of the code (./lazy/copyToClipboard.ts, not part
 * of a first visit) and, for an entry, its file have loaded.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

/** What the live region (src/theme/Root.tsx) says when a copy fails. */
export const FAILED = 'Copying failed: select the text and copy it by hand';

/** Says in the live region (src/theme/Root.tsx) that something could not be done. */
function fail(message: string): void {
  const region = document.getElementById('copy-status');
  if (region) region.textContent = message;
}

function onClick(event: MouseEvent): void {
  const target = event.target as Element | null;
  // A reference entry's "Cite ▾" opens its copy and download actions, built on first use.
  const cite = target?.closest<HTMLButtonElement>('button.entry-actions');
  if (cite) {
    import('./lazy/entryActions').then(
      (actions) => actions.toggle(cite),
      () => fail('Could not open: the page is offline'),
    );
    return;
  }
  const button = target?.closest<HTMLButtonElement>(
    'button[data-copy-text], button[data-copy-link]',
  );
  if (!button) return;
  const code = import('./lazy/copyToClipboard');
  const text = code.then((copy) => copy.textFor(button));
  const written =
    typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write
      ? navigator.clipboard.write([
          new ClipboardItem({
            'text/plain': text.then((t) => new Blob([t], { type: 'text/plain' })),
          }),
        ])
      : code.then((copy) => text.then(copy.writeText));
  code.then(
    (copy) => copy.report(button, written),
    () => {
      // The code could not be loaded (offline): the clipboard got nothing, and the reader is told.
      written.catch(() => undefined);
      fail(FAILED);
    },
  );
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('click', onClick);
}
