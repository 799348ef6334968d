import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

/**
 * Priority classes pods may use (kube-linter's acceptedPriorityClassNames; its default list is
 * system-cluster-critical and system-node-critical). Empty: the rule is off, as kube-linter ships
 * the check off by default.
 */
export const acceptedPriorityClasses: string[] = [];

export default rule<K8sCtx>({
  id: 'CG-K8S-104', slug: 'priority-class-name', type: 'kubernetes', severity: 'LOW',
  title: 'Pod uses a priority class that is not on the accepted list',
  why: 'Priority decides who is evicted and preempted first; a class outside the agreed list lets a workload jump the queue (or fall to the back).',
  fix: 'Use one of the accepted classes: `priorityClassName: system-cluster-critical`, or add the class to the accepted list.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=priority-class-name'],
  aliases: ['kube-linter/priority-class-name'],
  check: (ctx) => perPod(ctx, (p) => {
    const name = p.spec.priorityClassName;
    return acceptedPriorityClasses.length > 0 && typeof name === 'string' && name !== '' && !acceptedPriorityClasses.includes(name) &&
      { path: [...p.specPath, 'priorityClassName'], message: `priorityClassName ${name} is not one of ${acceptedPriorityClasses.join(', ')}` };
  }),
});
