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
  void code.then((copy) => copy.report(button, written));
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('click', onClick);
}
