export interface RoutedOutcome {
  kind: 'routed';
  acdGroupId: string;
  subject: string;
  priority: number;
}

export interface DroppedOutcome {
  kind: 'dropped';
  reason: string;
}

export interface FailedOutcome {
  kind: 'failed';
  reason: string;
}

/** How a run ended: the SMS became a media event, was dropped on purpose, or the run failed. */
export type WorkflowOutcome = RoutedOutcome | DroppedOutcome | FailedOutcome;

/** What a terminal node may decide; `failed` is only ever the engine's verdict. */
export type TerminalOutcome = RoutedOutcome | DroppedOutcome;
