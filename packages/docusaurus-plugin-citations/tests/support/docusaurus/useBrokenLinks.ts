/** Outside a build there is nothing to check links against. */
export default function useBrokenLinks(): {
  collectAnchor: (id?: string) => void;
  collectLink: (link?: string) => void;
} {
  return { collectAnchor: () => undefined, collectLink: () => undefined };
}
