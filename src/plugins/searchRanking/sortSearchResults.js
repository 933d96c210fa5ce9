// Stands in for @easyops-cn/docusaurus-search-local's utils/sortSearchResults.js (see ./index.ts).
// As there, a page's headings, passages and description follow its title when the title is
// among the results; here they also stay together when it is not, and within a page the
// headings and passages of its text come before its description.

// The plugin's SearchDocumentType values.
const TITLE = 0;
const HEADING = 1;
const DESCRIPTION = 2;
const CONTENT = 4;

/** Where a result goes within its page's group: the title, the text, then the description. */
const rank = (result) => (result.type === TITLE ? 0 : result.type === DESCRIPTION ? 2 : 1);

/** Results that belong under a page (keywords stand for the page itself, as titles do). */
const underPage = (result) =>
  (result.type === HEADING || result.type === CONTENT || result.type === DESCRIPTION) &&
  Boolean(result.page);

export function sortSearchResults(results) {
  results.forEach((item, index) => {
    item.index = index;
  });
  // A group's place is its page's title, or else the first of its results.
  const groupOf = (item) => {
    if (!underPage(item)) return item.index;
    const title = results.findIndex((other) => other.document === item.page);
    if (title !== -1) return title;
    return results.findIndex((other) => underPage(other) && other.page === item.page);
  };
  results.sort((a, b) => groupOf(a) - groupOf(b) || rank(a) - rank(b) || a.index - b.index);
}
