// Front door of the misconfiguration stage: the engine, the four packs and their rule lists.
import { dockerfileRules } from './dockerfile/index.js';
import { kubernetesRules } from './kubernetes/index.js';
import { composeRules } from './compose/index.js';
import { imageRules, setuidRule, worldWritableRule, packageCacheRule } from './image/index.js';
import type { RuleMeta } from './types.js';

export { scanConfigPaths, scanConfigTexts, scanConfigFiles, configFileWanted, type ConfigScanOptions, type ConfigScanResult } from './engine.js';
export { checkImageConfig, imageFileAnalyzer } from './image/index.js';
export { scanDockerfile } from './dockerfile/index.js';
export { parseK8s, scanK8sObjects } from './kubernetes/index.js';
export { scanCompose } from './compose/index.js';
export { typeFromName, typeFromContent } from './detect.js';
export type { RuleMeta, ConfigType, Issue, Rule } from './types.js';

/** Every rule's metadata, for docs and `--list-rules`; sorted by id. */
export function allRuleMeta(): RuleMeta[] {
  const strip = ({ id, slug, type, severity, title, why, fix, references, aliases }: RuleMeta): RuleMeta => ({ id, slug, type, severity, title, why, fix, references, aliases });
  return [...dockerfileRules, ...kubernetesRules, ...composeRules, ...imageRules, setuidRule, worldWritableRule, packageCacheRule].map(strip);
}
