/**
 * The actions of a reference entry, opened by its "Cite ▾" button (../copyToClipboard.ts
 * loads this on the first press; the button is the theme's CitationEntryActions, in
 * src/theme):
 * "Copy BibLaTeX" and "Download BibLaTeX (.bib)", the same in BibTeX, each on the entry's own
 * file, which the site plugin writes. The page holds one set of actions at a time, built here
 * for the entry it is opened for and placed right after its button, so that Tab goes from the
 * button into the actions; opening another entry's moves them there.
 *
 * It is a disclosure: the button says whether it is expanded and what it controls, Escape closes
 * the actions and gives the focus back to the button. Copying is done by the site's copy
 * buttons (src/clientModules/copyToClipboard.ts), which copy what the link beside them points to.
 */
import siteConfig from '@generated/docusaurus.config';

const PANEL_ID = 'entry-actions-panel';

/**
 * The two dialects, as EXPORT_LABELS and EXPORT_SUFFIXES in src/citations/formats.ts name them
 * (kept in step by hand: importing that module here moves it out of the first visit's code).
 */
const DIALECTS = [
  { label: 'BibLaTeX', suffix: '-biblatex.bib' },
  { label: 'BibTeX', suffix: '-bibtex.bib' },
];

let panel: HTMLElement | null = null;
let owner: HTMLButtonElement | null = null;

function build(trigger: HTMLButtonElement): HTMLElement {
  // In a reference list and in a citation's preview, which copies the entry, the key is on the
  // element around the entry.
  const key = trigger.closest<HTMLElement>('[data-key]')?.dataset.key ?? '';
  const file = `${siteConfig.baseUrl}${trigger.dataset.file ?? ''}`;
  const box = document.createElement('span');
  box.id = PANEL_ID;
  box.className = 'entry-actions-panel';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', `Cite ${key}`);
  for (const { label, suffix } of DIALECTS) {
    const pair = document.createElement('span');
    pair.className = 'entry-action-pair';
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.dataset.copyLink = '';
    // What is announced once copied comes from this label (copyToClipboard.ts).
    copy.setAttribute('aria-label', `Copy ${label} of ${key}`);
    copy.textContent = `Copy ${label}`;
    const download = document.createElement('a');
    download.href = `${file}${suffix}`;
    // The address ends in the file's name, which the browser saves it under.
    download.setAttribute('download', '');
    download.textContent = `Download ${label} (.bib)`;
    pair.append(copy, ' ', download);
    box.append(pair);
  }
  box.addEventListener('keydown', onKeyDown);
  return box;
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Escape' || !panel) return;
  // Only the actions close: a citation's preview around them stays open.
  event.preventDefault();
  event.stopPropagation();
  close(true);
}

function open(trigger: HTMLButtonElement): void {
  close(false);
  panel = build(trigger);
  trigger.after(panel);
  trigger.setAttribute('aria-expanded', 'true');
  trigger.setAttribute('aria-controls', PANEL_ID);
  trigger.addEventListener('keydown', onKeyDown);
  owner = trigger;
  panel.scrollIntoView({ block: 'nearest' });
}

function close(returnFocus: boolean): void {
  const trigger = owner;
  panel?.remove();
  panel = null;
  owner = null;
  if (!trigger) return;
  trigger.setAttribute('aria-expanded', 'false');
  trigger.removeAttribute('aria-controls');
  trigger.removeEventListener('keydown', onKeyDown);
  if (returnFocus) trigger.focus();
}

/** Opens the entry's actions, or closes them when they are open. */
export function toggle(trigger: HTMLButtonElement): void {
  if (owner === trigger && panel?.isConnected) close(false);
  else open(trigger);
}
