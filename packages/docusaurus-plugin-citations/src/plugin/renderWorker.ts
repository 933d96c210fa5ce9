/**
 * A render pool's thread (see renderPool.ts): reads the site's library and styles once, then
 * renders each document it is sent against the site's scope, as the build's own thread would.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { createScope, loadContext, renderInStyles } from '../citations';
import type { PoolSetup, PoolReply, PoolRequest } from './renderPool';

const { config, siteDir, scope: keys } = workerData as PoolSetup;
const context = loadContext(config, siteDir);
const scope = createScope(context.library, keys, []);

parentPort!.on('message', ({ id, clusters }: PoolRequest) => {
  let reply: PoolReply;
  try {
    reply = { id, data: renderInStyles(context, scope, clusters) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
