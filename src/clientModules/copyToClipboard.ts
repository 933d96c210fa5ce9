/**
 * Every "Copy …" button of the site is rendered at build time with what it copies: the text
 * itself (`data-copy-text`, "Cite this chapter"), or the file that the download link beside it
 * points to (`data-copy-link`, a reference entry's own .bib). This one listener copies it and
 * says so in a polite live region, so screen readers announce it.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

const REGION_ID = 'copy-status';

function statusRegion(): HTMLElement {
  let region = document.getElementById(REGION_ID);
  if (!region) {
    region = document.createElement('div');
    region.id = REGION_ID;
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.className = 'visually-hidden';
    document.body.append(region);
  }
  return region;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

async function copy(text: string | Promise<string>): Promise<void> {
  if (
    typeof text !== 'string' &&
    typeof ClipboardItem !== 'undefined' &&
    navigator.clipboard?.write
  ) {
    // Handing the clipboard a promise keeps the click's permission while the file loads.
    const blob = text.then((t) => new Blob([t], { type: 'text/plain' }));
    await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
    return;
  }
  text = await text;
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

function onClick(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
    'button[data-copy-text], button[data-copy-link]',
  );
  if (!button) return;
  const region = statusRegion();
  const done = button.dataset.copyDone ?? 'Copied to the clipboard';
  const link = button.parentElement?.querySelector<HTMLAnchorElement>('a[download]');
  const what =
    button.dataset.copyText ??
    (link ? fetchText(link.href) : Promise.reject(new Error('nothing to copy')));
  copy(what).then(
    () => {
      // Emptied first, so that copying the same thing twice is announced twice.
      region.textContent = '';
      requestAnimationFrame(() => {
        region.textContent = done;
      });
      button.dataset.copied = 'true';
      window.setTimeout(() => delete button.dataset.copied, 2000);
    },
    () => {
      region.textContent = 'Copying failed: select the text and copy it by hand';
    },
  );
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('click', onClick);
}
