// The small part of citation-js 0.8 that we use. The packages ship no type declarations.

declare module '@citation-js/core' {
  interface Registry<T> {
    has(name: string): boolean;
    get(name: string): T | undefined;
    add(name: string, value: T): void;
    list(): string[];
  }
  export const plugins: {
    config: { get(plugin: string): unknown };
    input: {
      chain(data: unknown, options?: Record<string, unknown>): unknown[];
      /** One parsing step: `data` read as the format `type`. */
      data(data: unknown, type: string): unknown;
    };
    output: { format(format: string, data: readonly unknown[], ...options: unknown[]): unknown };
  };
  export type { Registry };
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';
