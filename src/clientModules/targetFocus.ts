/**
 * Following a link within the page (a citation to its reference, a back-link to its citation,
 * a contents entry to its heading) moves the keyboard focus there too. Browsers scroll to the
 * target but leave focus on the link, so that Tab, and a screen reader, would carry on from
 * where the reader left rather than from what they went to read. A back-link's target is an
 * empty anchor in the citation: the citation takes the focus. Where the target lands and how it
 * is marked is CSS (`scroll-margin-top`, `:target` in src/css/custom.css).
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

function onClick(event: MouseEvent): void {
  const link =
    event.target instanceof Element
      ? event.target.closest<HTMLAnchorElement>('a[href^="#"]')
      : null;
  if (!link?.hash || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  // After the click has been handled: a first tap on a citation opens its preview instead
  // (the previews cancel the click), and the page must have scrolled to the target.
  window.setTimeout(() => {
    if (event.defaultPrevented || window.location.hash !== link.hash) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const shown = target?.closest<HTMLElement>('.citation') ?? target;
    if (!shown) return;
    if (!shown.hasAttribute('tabindex')) shown.tabIndex = -1;
    shown.focus({ preventScroll: true });
  });
}

if (ExecutionEnvironment.canUseDOM) document.addEventListener('click', onClick);
