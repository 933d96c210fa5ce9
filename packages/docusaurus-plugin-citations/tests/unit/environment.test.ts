// The environment the plugin reads (plugin/environment.ts): overrides for one run, checked once.
import { describe, expect, it } from 'vitest';

import { readEnvironment } from '../../src/plugin/environment';

describe('the plugin’s environment', () => {
  it('overrides nothing when nothing is set', () => {
    expect(readEnvironment({})).toEqual({
      renderThreads: undefined,
      cacheRoot: undefined,
      traceFile: undefined,
      // Docusaurus's reading: anything but "production" is development.
      development: true,
    });
    expect(readEnvironment({ CITATIONS_RENDER_THREADS: '', CITATIONS_TRACE: '' })).toEqual(
      readEnvironment({}),
    );
  });

  it('reads each variable', () => {
    expect(
      readEnvironment({
        CITATIONS_RENDER_THREADS: '0',
        CITATIONS_CACHE_DIR: '/ci/cache',
        CITATIONS_TRACE: 'trace.jsonl',
        NODE_ENV: 'development',
      }),
    ).toEqual({
      renderThreads: 0,
      cacheRoot: '/ci/cache',
      traceFile: 'trace.jsonl',
      development: true,
    });
    expect(readEnvironment({ NODE_ENV: 'production' }).development).toBe(false);
    expect(readEnvironment({ NODE_ENV: 'test' }).development).toBe(true);
  });

  it('says what is wrong with a thread count', () => {
    expect(() => readEnvironment({ CITATIONS_RENDER_THREADS: 'two' })).toThrow(
      'CITATIONS_RENDER_THREADS must be a whole number of threads (0 renders in the build\'s own thread); got "two"',
    );
  });
});
