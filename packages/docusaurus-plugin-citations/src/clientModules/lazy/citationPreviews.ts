/**
 * Citation previews: hovering, focusing or tapping a citation shows the full reference without
 * leaving the page. Everything shown is already on the page, rendered at build time: the
 * preview is a copy of the reference entry the citation links to (its formatted text, its web
 * address, its "Cite ▾"), minus the back-links, and of the page's citation style switcher, so
 * that the reader can change the style where they meet the citation. No citation code runs in
 * the browser.
 *
 * Accessibility: the preview is a non-modal dialog placed right after the citation link, so
 * Tab moves from the citation into it; the link is `aria-describedby` the preview, so screen
 * readers read the reference when the citation is focused. Escape, or a tap or click
 * elsewhere, closes it and returns focus to the citation.
 *
 * This code is loaded on a reader's first hover, focus or tap on a citation
 * (src/clientModules/citationPreviews.ts), which hands over the events that led to it.
 */
import { CITATION_LINK as LINK, PREVIEW_EVENTS, type PreviewEvent } from '../citationPreviews';

const PREVIEW_ID = 'citation-preview';
const OPEN_DELAY = 250;
const CLOSE_DELAY = 300;

let preview: HTMLElement | null = null;
let owner: HTMLAnchorElement | null = null;
let openTimer = 0;
let closeTimer = 0;
let lastPointer: string = 'mouse';
let pointerDownAt = 0;
/** Set while focus goes back to a citation after Escape, which must not reopen its preview. */
let returningFocus = false;

function entryFor(link: HTMLAnchorElement): HTMLElement | null {
  const id = decodeURIComponent(link.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

function build(entry: HTMLElement, link: HTMLAnchorElement): HTMLElement {
  const box = document.createElement('div');
  box.id = PREVIEW_ID;
  box.className = 'citation-preview';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'Reference');
  const body = document.createElement('div');
  body.className = 'citation-preview__entry';
  // What the entry's "Cite ▾" opens needs its key (src/clientModules/lazy/entryActions.ts).
  if (entry.dataset.key) body.dataset.key = entry.dataset.key;
  for (const child of Array.from(entry.childNodes)) {
    // Not the back-links, nor the entry's actions if they are open in the list.
    if (child instanceof Element && child.matches('.citation-backlinks, .entry-actions-panel')) {
      continue;
    }
    const copy = child.cloneNode(true);
    if (copy instanceof Element && copy.matches('button.entry-actions')) {
      copy.setAttribute('aria-expanded', 'false');
      copy.removeAttribute('aria-controls');
    }
    body.append(copy);
  }
  const foot = document.createElement('div');
  foot.className = 'citation-preview__foot';
  const goTo = document.createElement('a');
  goTo.href = link.hash;
  goTo.className = 'citation-preview__go';
  goTo.textContent = 'Go to the reference list';
  foot.append(goTo);
  // The page's switcher (src/clientModules/citationStyle.ts handles every copy of it).
  const switcher = document.querySelector('.citation-style-switcher');
  const select = switcher?.querySelector('select');
  if (switcher && select) {
    const copy = switcher.cloneNode(true) as HTMLElement;
    copy.querySelector('select')!.value = select.value;
    foot.append(copy);
  }
  box.append(body, foot);
  box.addEventListener('mouseenter', () => window.clearTimeout(closeTimer));
  box.addEventListener('mouseleave', () => scheduleClose());
  // After the new style is shown (the listener on the document runs after this one).
  box.addEventListener('change', () => window.setTimeout(followStyle));
  return box;
}

/**
 * A new style shows the citation in other words, in other links, and hides the one the preview
 * hangs from: the preview moves to the link to the same entry in the style now shown (or to the
 * citation's first link, where the style merges several), and keeps the focus where it was.
 */
function followStyle(): void {
  if (!preview || !owner || owner.getClientRects().length > 0) return;
  const links = Array.from(
    owner.closest('.citation')?.querySelectorAll<HTMLAnchorElement>(LINK) ?? [],
  ).filter((a) => a.getClientRects().length > 0);
  const next = links.find((a) => a.hash === owner!.hash) ?? links[0];
  if (!next) {
    close(false);
    return;
  }
  const focused = document.activeElement;
  owner.removeAttribute('aria-describedby');
  owner.removeAttribute('aria-expanded');
  preview.style.removeProperty('top');
  preview.style.removeProperty('left');
  preview.style.removeProperty('max-height');
  next.after(preview);
  place(preview, next);
  next.setAttribute('aria-describedby', PREVIEW_ID);
  next.setAttribute('aria-expanded', 'true');
  owner = next;
  if (focused instanceof HTMLElement && preview.contains(focused)) focused.focus();
}

/** Room kept between a preview and the window's edges or the navbar, in pixels. */
const EDGE = 8;

/**
 * Inside the window: under the citation (where CSS puts it) when there is room, above it when
 * there is more room there, with a scroll bar when neither side can hold all of it; and moved
 * sideways to stay within the window's width. Offsets are added to where CSS put the box, so
 * that this holds whatever box the citation's line makes.
 */
function place(box: HTMLElement, link: HTMLAnchorElement): void {
  const root = document.documentElement;
  const navbar = document.querySelector('.navbar')?.getBoundingClientRect().bottom ?? 0;
  const top = Math.max(navbar, 0) + EDGE;
  const bottom = root.clientHeight - EDGE;
  const citation = link.getBoundingClientRect();
  const rect = box.getBoundingClientRect();
  const gap = rect.top - citation.bottom;
  const roomBelow = bottom - rect.top;
  const roomAbove = citation.top - gap - top;
  let shiftDown = 0;
  if (rect.height > roomBelow) {
    const room = Math.max(roomAbove, roomBelow);
    const height = Math.min(rect.height, room);
    if (height < rect.height) box.style.maxHeight = `${room}px`;
    if (roomAbove > roomBelow) shiftDown = citation.top - gap - height - rect.top;
  }
  const right = root.clientWidth - EDGE;
  const shiftRight =
    rect.right > right ? right - rect.right : rect.left < EDGE ? EDGE - rect.left : 0;
  const style = getComputedStyle(box);
  box.style.top = `${parseFloat(style.top) + shiftDown}px`;
  box.style.left = `${parseFloat(style.left) + shiftRight}px`;
}

function open(link: HTMLAnchorElement): void {
  window.clearTimeout(openTimer);
  window.clearTimeout(closeTimer);
  if (owner === link && preview) return;
  close(false);
  const entry = entryFor(link);
  if (!entry) return;
  preview = build(entry, link);
  // Right after the citation, so that Tab goes from the citation into the preview.
  link.after(preview);
  place(preview, link);
  link.setAttribute('aria-describedby', PREVIEW_ID);
  link.setAttribute('aria-expanded', 'true');
  owner = link;
}

function close(returnFocus: boolean): void {
  window.clearTimeout(openTimer);
  window.clearTimeout(closeTimer);
  const link = owner;
  preview?.remove();
  preview = null;
  owner = null;
  if (link) {
    link.removeAttribute('aria-describedby');
    link.removeAttribute('aria-expanded');
    if (returnFocus) {
      returningFocus = true;
      link.focus();
      returningFocus = false;
    }
  }
}

function scheduleClose(): void {
  // A reader at work in the preview (choosing a style, opening "Cite ▾") keeps it open when the
  // pointer wanders off, onto a select's list for one; a tap or click elsewhere, or Escape,
  // closes it.
  if (preview?.contains(document.activeElement)) return;
  window.clearTimeout(openTimer);
  window.clearTimeout(closeTimer);
  closeTimer = window.setTimeout(() => close(false), CLOSE_DELAY);
}

const linkOf = (target: EventTarget | null) =>
  target instanceof Element ? target.closest<HTMLAnchorElement>(LINK) : null;
const inPreview = (target: EventTarget | null) =>
  target instanceof Node && preview !== null && preview.contains(target);

function onPointerDown(event: PointerEvent): void {
  lastPointer = event.pointerType;
  pointerDownAt = event.timeStamp;
  if (preview && !inPreview(event.target) && linkOf(event.target) !== owner) close(false);
}

function onMouseOver(event: MouseEvent): void {
  const link = linkOf(event.target);
  if (!link || lastPointer === 'touch') return;
  window.clearTimeout(closeTimer);
  window.clearTimeout(openTimer);
  openTimer = window.setTimeout(() => open(link), OPEN_DELAY);
}

function onMouseOut(event: MouseEvent): void {
  const link = linkOf(event.target);
  if (!link) return;
  window.clearTimeout(openTimer);
  if (link === owner && !inPreview(event.relatedTarget)) scheduleClose();
}

function onFocusIn(event: FocusEvent): void {
  // A tap focuses the link too; the click that follows decides what the tap does.
  if (returningFocus || (lastPointer === 'touch' && event.timeStamp - pointerDownAt < 1000)) return;
  const link = linkOf(event.target);
  if (link) open(link);
  else if (preview && !inPreview(event.target)) close(false);
}

// A first tap on a citation shows its preview; a second tap, or the preview's own link,
// goes to the reference list.
function onClick(event: MouseEvent): void {
  const link = linkOf(event.target);
  if (!link || lastPointer !== 'touch') return;
  if (owner !== link) {
    event.preventDefault();
    open(link);
  }
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.key === 'Escape' && preview) {
    event.preventDefault();
    close(true);
  }
}

const HANDLERS: Record<PreviewEvent, (event: never) => void> = {
  pointerdown: onPointerDown,
  mouseover: onMouseOver,
  mouseout: onMouseOut,
  focusin: onFocusIn,
  click: onClick,
  keydown: onKeyDown,
};

/** Handles an event, also one that happened before this code was loaded. */
export function handle(event: Event): void {
  (HANDLERS[event.type as PreviewEvent] as ((e: Event) => void) | undefined)?.(event);
}

/** Follows the page's events from now on. */
export function install(): void {
  for (const type of PREVIEW_EVENTS) document.addEventListener(type, handle);
}

/** A new page: whatever was open belonged to the old one. */
export function closePreview(): void {
  close(false);
}
