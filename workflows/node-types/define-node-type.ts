import type { z } from 'zod';
import type { Language, Localized } from '../../i18n/languages';
import type { TerminalOutcome } from '../runtime/outcome';
import type { WorkflowServices } from '../runtime/services';
import type { WorkflowSms } from '../runtime/sms';

export type Variables = Readonly<Record<string, unknown>>;

import type { NodeCategory } from './node-categories';
import type { NodeIcon } from './node-icons';
import type { SummaryNames } from './summary-names';

export { NODE_CATEGORIES, type NodeCategory } from './node-categories';

/** What every step can read. */
export interface StepContext {
  nodeId: string;
  sms: WorkflowSms;
  vars: Variables;
  /** The instant the step runs at, in epoch milliseconds (the run's clock). */
  at: number;
}

export interface DecisionContext extends StepContext {
  random(): number;
}

export interface EffectContext extends StepContext {
  services: WorkflowServices;
}

/** The port a step leaves by, the variables it sets, and an error worth showing in the trace. */
export interface StepResult {
  port: string;
  vars?: Record<string, unknown>;
  error?: string;
}

/** A config field that names an ACD group, so the validator can check the group exists. */
export interface AcdGroupReference {
  field: string;
  acdGroupId: string;
}

/**
 * How the canvas names the ports, by port id: fixed words, or (for ports derived from the config,
 * such as a switch's cases) words read from the config. A port without words shows its id.
 */
export type PortLabels<TConfig extends z.ZodType> =
  Readonly<Record<string, Localized>> | ((config: z.output<TConfig>) => Readonly<Record<string, Localized>>);

interface NodeTypeBase<TConfig extends z.ZodType, TType extends string> {
  /** Stable id, snake_case; stored in every graph, so never renamed. */
  type: TType;
  label: Localized;
  category: NodeCategory;
  description: Localized;
  icon: NodeIcon;
  /** Every field has a default (or a prefault, for references that must be chosen), which the editor starts a new node with. */
  config: TConfig;
  /**
   * One line for the node on the canvas in a language, e.g. "text contains STOP, HELP", "Text enthält
   * STOP, HELP": it leads with the setting that decides where the SMS goes (the group, the cases).
   * `names` names what the config refers to by id (ACD groups), where the caller knows them.
   */
  summarize(config: z.output<TConfig>, language: Language, names?: SummaryNames): string;
  acdGroupReferences?(config: z.output<TConfig>): AcdGroupReference[];
  /** A node that waits (for a reply, a timer) makes a loop through it legitimate (every `wait` node does). */
  waits?: boolean;
}

/** The ports a decision or effect leaves by: fixed, or derived from the config (a switch's cases). */
interface NodeTypePorts<TConfig extends z.ZodType> {
  ports: readonly string[] | ((config: z.output<TConfig>) => string[]);
  portLabels?: PortLabels<TConfig>;
}

export interface DecisionNodeType<TConfig extends z.ZodType = z.ZodType, TType extends string = string>
  extends NodeTypeBase<TConfig, TType>, NodeTypePorts<TConfig> {
  kind: 'decision';
  /** Pure and synchronous: it becomes a guarded transition. */
  run(context: DecisionContext, config: z.output<TConfig>): StepResult;
}

export interface EffectNodeType<TConfig extends z.ZodType = z.ZodType, TType extends string = string>
  extends NodeTypeBase<TConfig, TType>, NodeTypePorts<TConfig> {
  kind: 'effect';
  /** Talks to the outside through injected services only; it becomes an invoked promise actor. */
  run(context: EffectContext, config: z.output<TConfig>): Promise<StepResult>;
}

export interface TerminalNodeType<
  TConfig extends z.ZodType = z.ZodType,
  TType extends string = string,
> extends NodeTypeBase<TConfig, TType> {
  kind: 'terminal';
  /** Ends the run; it becomes a final state. */
  run(context: StepContext, config: z.output<TConfig>): TerminalOutcome;
}

/** How a wait ends: the same sender's next SMS to the same number, or the timeout. */
export type WaitWake = { kind: 'reply'; text: string } | { kind: 'timeout' };

export interface WaitNodeType<TConfig extends z.ZodType = z.ZodType, TType extends string = string>
  extends NodeTypeBase<TConfig, TType>, NodeTypePorts<TConfig> {
  kind: 'wait';
  waits: true;
  /** How long the run waits once it enters the node, in milliseconds; it becomes a paused state. */
  timeoutMs(config: z.output<TConfig>): number;
  /** Pure: the port (and variables) the run goes on by once the wait ends. */
  resume(context: StepContext, config: z.output<TConfig>, wake: WaitWake): StepResult;
}

export type NodeType<TConfig extends z.ZodType = z.ZodType, TType extends string = string> =
  | DecisionNodeType<TConfig, TType>
  | EffectNodeType<TConfig, TType>
  | WaitNodeType<TConfig, TType>
  | TerminalNodeType<TConfig, TType>;

/** Declares a node type once; palette, form, validation, compiler and API derive from it. */
export function defineNodeType<C extends z.ZodType, T extends string>(
  definition: DecisionNodeType<C, T>,
): DecisionNodeType<C, T>;
export function defineNodeType<C extends z.ZodType, T extends string>(
  definition: EffectNodeType<C, T>,
): EffectNodeType<C, T>;
export function defineNodeType<C extends z.ZodType, T extends string>(
  definition: WaitNodeType<C, T>,
): WaitNodeType<C, T>;
export function defineNodeType<C extends z.ZodType, T extends string>(
  definition: TerminalNodeType<C, T>,
): TerminalNodeType<C, T>;
export function defineNodeType(definition: NodeType): NodeType {
  return definition;
}

/** The ports of a node with the given (parsed) config; terminal nodes have none. */
export function portsOf(nodeType: NodeType, config: unknown): string[] {
  if (nodeType.kind === 'terminal') return [];
  return typeof nodeType.ports === 'function' ? nodeType.ports(config) : [...nodeType.ports];
}

/** The words for each port of a node with the given config; none for a port its type leaves unnamed. */
export function portLabelsOf(nodeType: NodeType, config: unknown): Readonly<Record<string, Localized>> {
  if (nodeType.kind === 'terminal' || nodeType.portLabels === undefined) return {};
  return typeof nodeType.portLabels === 'function' ? nodeType.portLabels(config) : nodeType.portLabels;
}
