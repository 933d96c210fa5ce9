/**
 * The work behind the "Copy …" buttons (see src/clientModules/copyToClipboard.ts): what a
 * button copies, the fallback for browsers without ClipboardItem, and telling screen readers
 * how it went.
 */
import { FAILED } from '../copyToClipboard';

/** The text itself, or the file that the download link beside the button points to. */
export async function textFor(button: HTMLButtonElement): Promise<string> {
  if (button.dataset.copyText !== undefined) return button.dataset.copyText;
  const link = button.parentElement?.querySelector<HTMLAnchorElement>('a[download]');
  if (!link) throw new Error('nothing to copy');
  const response = await fetch(link.href);
  if (!response.ok) throw new Error(`${link.href}: ${response.status}`);
  return response.text();
}

/** For browsers without ClipboardItem. */
export async function writeText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Pages served over plain http (other than localhost) have no Clipboard API.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/**
 * "Copy BibTeX of key" announces "BibTeX of key copied to the clipboard": an entry's buttons
 * carry their label once, not a second sentence each (every byte is in the page's data).
 */
function doneMessage(button: HTMLButtonElement): string {
  const what = /^Copy (.+)$/.exec(button.getAttribute('aria-label') ?? '')?.[1];
  return what ? `${what} copied to the clipboard` : 'Copied to the clipboard';
}

/** Announces the outcome, and marks the button "copied" for a moment. */
export function report(button: HTMLButtonElement, written: Promise<void>): void {
  // The site's polite live region (src/theme/Root.tsx).
  const region = document.getElementById('copy-status');
  if (!region) return;
  written.then(
    () => {
      // Emptied first, so that copying the same thing twice is announced twice.
      region.textContent = '';
      requestAnimationFrame(() => {
        region.textContent = button.dataset.copyDone ?? doneMessage(button);
      });
      button.dataset.copied = 'true';
      window.setTimeout(() => delete button.dataset.copied, 2000);
    },
    () => {
      region.textContent = FAILED;
    },
  );
}
