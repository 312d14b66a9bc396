/**
 * The worker thread of a site build (bundled as dist/site-worker.js): runs one shard (./shard.ts)
 * for ./shard-runner.ts. Messages out: loaded → progress… → done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ShardWork, type ShardInit, type ShardRender } from './shard.js';
import type { ShardMessage } from './shard-runner.js';

const port = parentPort!;
const post = (m: ShardMessage) => port.postMessage(m);

const work = await ShardWork.load(workerData as ShardInit);
post({ type: 'loaded', loaded: work.loaded() });
port.once('message', (r: ShardRender) => {
  const written = work.render(r, (files) => post({ type: 'progress', files }));
  post({ type: 'done', written });
  port.close();
});
