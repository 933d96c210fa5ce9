/**
 * Every "Copy …" button of the site is rendered at build time with what it copies: the text
 * itself (`data-copy-text`, "Cite this chapter"), or the file that the download link beside it
 * points to (`data-copy-link`, a reference entry's own .bib). This one listener copies it and
 * says so in a polite live region, so screen readers announce it.
 *
 * The clipboard is asked for here, during the click, which is what gives the page the right
 * to write to it; it gets the text once the rest of the code (./lazy/copyToClipboard.ts, not part
 * of a first visit) and, for an entry, its file have loaded.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

/** What the live region (src/theme/Root.tsx) says when a copy fails. */
export const FAILED = 'Copying failed: select the text and copy it by hand';

function onClick(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
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
      const region = document.getElementById('copy-status');
      if (region) region.textContent = FAILED;
    },
  );
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('click', onClick);
}
