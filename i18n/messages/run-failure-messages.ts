import { defineMessages } from './define-messages';

/**
 * Why a run failed or a step went wrong, as Traffic and the test panel show it. The engine
 * stores the English; `readRunReason` finds the sentence (and its values) again in it, so that
 * old rows read in every language too. `{{error}}` and `{{reason}}` hold a reason themselves.
 */
export const runFailureMessages = defineMessages(
  {
    nodeFailed: 'Node "{{node}}" ({{type}}) failed: {{error}}',
    stepLimit: 'The step limit of {{limit}} was reached',
    timeBudget: "The run's time budget of {{ms}} ms ran out",
    noPort: 'Node "{{node}}" chose no port',
    portNotConnected: 'Port "{{port}}" of node "{{node}}" is not connected',
    noStart: 'The workflow has no start node',
    unknownType: 'Node "{{node}}" has the unknown type "{{type}}"',
    noTerminal: 'The run ended without reaching a terminal node',
    engineFailed: 'The workflow engine failed: {{error}}',
    noApplication: 'The connector has no routing application any more',
    noActiveVersion: 'The routing application has no active version',
    writtenOff: 'Routing was attempted {{count}} times without finishing; the server log has the errors',
    fallbackGone: '{{reason}}; the fallback ACD group ({{group}}) no longer exists',
    groupGone: 'The ACD group it was routed to ({{group}}) no longer exists',
    groupGoneNoFallback:
      'The ACD group it was routed to ({{group}}) no longer exists, and there is no fallback ACD group',
    groupGoneFallbackGone:
      'The ACD group it was routed to ({{group}}) no longer exists, nor does the fallback ACD group ({{fallback}})',
    httpAnswered: '{{method}} {{host}} answered {{status}}',
    httpFailed: '{{method}} {{host}} failed: {{error}}',
    emailNotQueued: 'The e-mail could not be queued: {{error}}',
  },
  {
    nodeFailed: 'Knoten „{{node}}“ ({{type}}) ist fehlgeschlagen: {{error}}',
    stepLimit: 'Die Schrittgrenze von {{limit}} wurde erreicht',
    timeBudget: 'Das Zeitbudget des Laufs von {{ms}} ms ist aufgebraucht',
    noPort: 'Knoten „{{node}}“ hat keinen Port gewählt',
    portNotConnected: 'Port „{{port}}“ von Knoten „{{node}}“ ist nicht verbunden',
    noStart: 'Der Workflow hat keinen Startknoten',
    unknownType: 'Knoten „{{node}}“ hat den unbekannten Typ „{{type}}“',
    noTerminal: 'Der Lauf endete, ohne einen Endknoten zu erreichen',
    engineFailed: 'Die Workflow-Engine ist fehlgeschlagen: {{error}}',
    noApplication: 'Der SMS Empfangskonnektor hat keine Routing-Applikation mehr',
    noActiveVersion: 'Die Routing-Applikation hat keine aktive Version',
    writtenOff: 'Das Routing wurde {{count}}-mal versucht, ohne fertig zu werden; das Server-Log enthält die Fehler',
    fallbackGone: '{{reason}}; die Ausweich-ACD-Gruppe ({{group}}) gibt es nicht mehr',
    groupGone: 'Die ACD-Gruppe, an die geroutet wurde ({{group}}), gibt es nicht mehr',
    groupGoneNoFallback:
      'Die ACD-Gruppe, an die geroutet wurde ({{group}}), gibt es nicht mehr, und es gibt keine Ausweich-ACD-Gruppe',
    groupGoneFallbackGone:
      'Die ACD-Gruppe, an die geroutet wurde ({{group}}), gibt es nicht mehr, die Ausweich-ACD-Gruppe ({{fallback}}) auch nicht',
    httpAnswered: '{{method}} {{host}} antwortete {{status}}',
    httpFailed: '{{method}} {{host}} ist fehlgeschlagen: {{error}}',
    emailNotQueued: 'Die E-Mail konnte nicht in die Warteschlange gestellt werden: {{error}}',
  },
);
