// No test may reach the network: the build and the engine must work offline.
globalThis.fetch = () => {
  throw new Error('Network access is not allowed in tests');
};
