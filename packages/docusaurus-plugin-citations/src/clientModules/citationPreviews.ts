/**
 * Citation previews (the code is in ./lazy/citationPreviews.ts). Most readers never hover a
 * citation, so a first visit does not download that code: this module waits for the first
 * hover, focus or tap on a citation, loads it, and hands it the events it missed meanwhile.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

export const CITATION_LINK = 'a.citation-link';

/** Every event the previews follow. */
export const PREVIEW_EVENTS = [
  'pointerdown',
  'mouseover',
  'mouseout',
  'focusin',
  'click',
  'keydown',
] as const;
export type PreviewEvent = (typeof PREVIEW_EVENTS)[number];

type Previews = typeof import('./lazy/citationPreviews');

let previews: Previews | undefined;
/** Set when the code could not be loaded (offline): citations then behave as plain links. */
let unavailable = false;
/** Events since loading began, handed over once the code is there; undefined before. */
let missed: Event[] | undefined;
let lastPointerDown: PointerEvent | undefined;

function onEvent(event: Event): void {
  if (previews || unavailable) return;
  const onCitation =
    event.target instanceof Element && event.target.closest(CITATION_LINK) !== null;
  if (!missed) {
    // The last pointer tells a tap from a click; the previews need it when they start.
    if (event.type === 'pointerdown') lastPointerDown = event as PointerEvent;
    if (!onCitation || event.type === 'mouseout' || event.type === 'keydown') return;
    missed = lastPointerDown && lastPointerDown !== event ? [lastPointerDown] : [];
    import('./lazy/citationPreviews').then(
      (loaded) => {
        for (const e of missed!) loaded.handle(e);
        loaded.install();
        previews = loaded;
      },
      () => {
        unavailable = true;
      },
    );
  }
  // A first tap on a citation opens its preview rather than following the link; that must be
  // decided now, while the click is being dispatched.
  if (event.type === 'click' && onCitation && lastPointerDown?.pointerType === 'touch') {
    event.preventDefault();
  }
  missed.push(event);
}

if (ExecutionEnvironment.canUseDOM) {
  for (const type of PREVIEW_EVENTS) document.addEventListener(type, onEvent);
}

/** A new page: whatever was open belonged to the old one. */
export function onRouteDidUpdate(): void {
  previews?.closePreview();
}
