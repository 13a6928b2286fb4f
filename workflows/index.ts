// The workflow model shared by server/ and editor/: pure, no I/O.

export { defineNodeType, portLabelsOf, portsOf, NODE_CATEGORIES } from './node-types/define-node-type';
export { nodeCategories } from './node-types/node-categories';
export type { NodeColor } from './node-types/node-categories';
export { NODE_ICONS } from './node-types/node-icons';
export type { NodeIcon } from './node-types/node-icons';
export { issueText, says, saying } from './node-types/check-words';
export { acdGroupWords } from './node-types/summary-names';
export type { SummaryNames } from './node-types/summary-names';
export { capitalize, fieldLabelAt, FIELD_WIDGETS, humanize, titleOf, uiOf, verbatim } from './node-types/field-ui';
export type { ConfigJsonSchema, FieldUi, FieldWidget, ItemUi } from './node-types/field-ui';
export type {
  AcdGroupReference,
  DecisionContext,
  DecisionNodeType,
  EffectContext,
  EffectNodeType,
  NodeCategory,
  NodeType,
  PortLabels,
  StepContext,
  StepResult,
  TerminalNodeType,
  Variables,
  WaitNodeType,
  WaitWake,
} from './node-types/define-node-type';

export { findNodeType, nodeTypeCatalog, START_NODE_TYPE } from './catalog/node-type-catalog';
export type { NodeTypeId } from './catalog/node-type-catalog';
export { configSchemaOf, nodeTypesAsData } from './catalog/node-types-as-data';
export type { NodeTypeData } from './catalog/node-types-as-data';
export { startNode } from './catalog/start';
export { REGEX_LIMITS, switchNode, SWITCH_OPERATORS } from './catalog/switch';
export type { SwitchCase, SwitchConfig, SwitchOperator } from './catalog/switch';
export { businessHoursNode, isOpenAt, WEEKDAYS } from './catalog/business-hours';
export type { BusinessHoursConfig, OpeningInterval, Weekday } from './catalog/business-hours';
export { setVariablesNode } from './catalog/set-variables';
export { httpRequestNode, buildHttpRequest, HTTP_METHODS } from './catalog/http-request';
export { sendEmailNode, splitAddresses } from './catalog/send-email';
export { recipientNumber, sendSmsNode, SMS_TEXT_MAX } from './catalog/send-sms';
export type { SendSmsConfig } from './catalog/send-sms';
export type { HttpRequestConfig } from './catalog/http-request';
export { acdGroupStatusNode, ACD_CONDITIONS } from './catalog/acd-group-status';
export type { AcdGroupStatusConfig } from './catalog/acd-group-status';
export { routeToAcdGroupNode } from './catalog/route-to-acd-group';
export { drawForBranch, percentageSplitNode } from './catalog/percentage-split';
export { branchOfDraw, mockTargetsOf } from './catalog/mock-targets';
export type { MockTargets } from './catalog/mock-targets';
export { dropNode } from './catalog/drop';
export { describeTimeout, WAIT_TIMEOUT_SECONDS, waitForReplyNode } from './catalog/wait-for-reply';
export type { WaitForReplyConfig } from './catalog/wait-for-reply';

export { WorkflowGraph, WorkflowNode, WorkflowEdge, CURRENT_SCHEMA_VERSION } from './graph/workflow-graph';
export { migrateDefinition } from './graph/migrate-definition';
export { acdGroupReferencesIn, sameGraph } from './graph/graph-facts';
export { changesBesidesPositions, diffGraphs } from './graph/diff-graphs';
export type { EdgeEnds, GraphDiff, NodeChange } from './graph/diff-graphs';
export type { NodeAcdGroupReference } from './graph/graph-facts';
export { describeNode } from './graph/resolve-node';
export { InvalidDefinitionError } from './graph/invalid-definition-error';
export type { DefinitionIssue } from './graph/invalid-definition-error';

export { validateWorkflow } from './validation/validate-workflow';
export type { ValidationContext } from './validation/validate-workflow';
export { PROBLEM_CODES } from './validation/problem';
export type { Problem, ProblemCode } from './validation/problem';

export { compileWorkflow } from './compile/compile-workflow';
export type { CompiledWorkflow } from './compile/compiled-workflow';

export { createWorkflowRunner, DEFAULT_STEP_LIMIT, DEFAULT_TIME_BUDGET_MS } from './runtime/create-workflow-runner';
export type {
  FinishedRun,
  PersistedRun,
  RunOptions,
  RunProgress,
  WaitingRun,
  WorkflowMachine,
  WorkflowRunner,
} from './runtime/create-workflow-runner';
export type { WaitingFor } from './runtime/run-context';
export { createMockServices, SimulationMocks } from './runtime/mock-services';
export type { MockServices, RecordedSms } from './runtime/mock-services';
export type {
  AcdGroupStatus,
  EmailMessage,
  HttpRequest,
  HttpResponse,
  SmsMessage,
  SmsSendResult,
  WorkflowServices,
} from './runtime/services';
export type { WorkflowSms } from './runtime/sms';
export type { DroppedOutcome, FailedOutcome, RoutedOutcome, TerminalOutcome, WorkflowOutcome } from './runtime/outcome';
export type { TraceStep, WorkflowRunResult } from './runtime/trace';

export {
  EXAMPLE_ACD_GROUP_IDS,
  EXAMPLE_CRM_URL,
  EXAMPLE_IDS,
  exampleWorkflows,
  templateGraph,
  withAcdGroups,
  WORKFLOW_TEMPLATES,
} from './examples/example-workflows';
export type { ExampleId, WorkflowTemplate } from './examples/example-workflows';
export { VALUE_PATH_CHOICES, VALUE_PATH_SUGGESTIONS } from './templates/render-template';
export type { ValuePathChoice } from './templates/render-template';
export { firstWordOf, SMS_VALUE_WORDS, SMS_VALUES } from './runtime/sms-values';
export type { SmsValue } from './runtime/sms-values';

export { classifyAddress, ipFamily } from './addresses/classify-address';
export type { AddressClass, AddressReach } from './addresses/classify-address';
export { canonicalHost, neverAllowed } from './addresses/never-allowed';
