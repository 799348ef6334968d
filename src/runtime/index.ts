/** Front door of the runtime rules engine (Falco-compatible rules over Kubernetes audit events). */
export { RuntimeEngine, type Alert, type EngineOptions, type LoadSummary } from './engine.js';
export { decodePayload, decodeText, decodeValue, type DecodeResult, DEFAULT_MAX_EVENT_SIZE } from './events.js';
export { loadRulesFile, emptyRuleSet, ENGINE_VERSION, type RuleSet } from './loader.js';
export { compileRuleSet, type CompiledRule, type SkippedRule } from './compile.js';
export { parseCondition, ConditionSyntaxError, type Ast } from './condition/parser.js';
export { k8sAuditSource } from './fields/k8saudit.js';
export { alertsTable, alertJsonLine, alertTextLine, parseAlertFormat, type AlertFormat } from './format.js';
export { streamSink, fileSink, webhookSink, type AlertSink } from './sinks.js';
export { startServer, createRuntimeHandler, prometheus, DEFAULT_MAX_BODY, type RuntimeServer, type RuntimeHandler, type ServeOptions, type Counters } from './serve.js';
export { RuleRateLimiter } from './ratelimit.js';
export { parsePriority, PRIORITIES, type Priority } from './priority.js';
export { expandRulesPaths } from './paths.js';
