// A worker thread that computes the config verdict of large objects, so a pathological object
// (tens of thousands of containers or RBAC rules) cannot hold the webhook's event loop.
// The policy is rebuilt here with the same loader (loadPolicy); ignores, VEX and flags arrive as data.
import { parentPort, workerData } from 'node:worker_threads';
import { objectsOf } from '../misconfig/kubernetes/objects.js';
import { emptyPolicy, loadPolicy } from '../policy/index.js';
import { configVerdict, jsonDoc } from './verdict.js';
import type { VerdictWorkerSetup, VerdictJob } from './verdict-pool.js';

const setup = workerData as VerdictWorkerSetup;
const policy = setup.policyFile ? loadPolicy(setup.policyFile) : emptyPolicy();
policy.ignores = setup.ignores;
const opts = { policy, severities: setup.severities, vex: setup.vex, skipRules: setup.skipRules };

parentPort!.on('message', (job: VerdictJob) => {
  const objects = objectsOf(jsonDoc(job.object), job.path);
  parentPort!.postMessage(configVerdict(objects, job.path, opts, new Date(job.now)));
});
parentPort!.postMessage('ready');
