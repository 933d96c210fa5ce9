/**
 * Every "Copy …" button of the site (reference entries, "Cite this chapter") is a
 * `<button data-copy-text="…" data-copy-done="…">`, rendered at build time. This one listener
 * copies the text and says so in a polite live region, so screen readers announce it.
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

async function copy(text: string): Promise<void> {
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
    'button[data-copy-text]',
  );
  if (!button) return;
  const region = statusRegion();
  const done = button.dataset.copyDone ?? 'Copied to the clipboard';
  copy(button.dataset.copyText ?? '').then(
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
