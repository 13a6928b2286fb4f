import { defineMessages } from './define-messages';

/**
 * The flow editor's own words: its palette, canvas and the generic widgets of the inspector's
 * form. What a node type says (its fields, options, ports) is declared in the node type.
 * `{{item}}` stands for a list entry's name as its node type declares it ("case", "Fall").
 */
export const flowEditorMessages = defineMessages(
  {
    palette: {
      search: 'Search node types',
      nothingMatches: 'No node type matches “{{search}}”.',
      oneStart: 'A workflow has exactly one start node',
      hint: 'Drag onto the canvas, or click to add.',
    },
    node: {
      endsRun: 'Ends the run',
      incomplete: 'Incomplete — see the inspector',
      unknownType: 'Unknown node type “{{type}}”',
      problems: '{{count}} problem(s)',
    },
    inspector: {
      nodesSelected: '{{count}} nodes selected',
      nothingSelected: 'Nothing selected',
      manyHint: 'Copy them with Ctrl+C, delete them with Delete, or select one node to edit it.',
      noneHint:
        'Select a node to edit its settings. Drag node types from the palette on the left onto the canvas, and connect a port on the right of a node to the next node.',
      unknownTypeTitle: 'Unknown node type',
      unknownTypeText:
        'This node has the type {{type}}, which this Switchboard does not know. Delete it or replace it.',
      label: 'Label',
      labelHint: 'Shown on the canvas',
      nodeId: 'Node id',
      nodeIdHint: 'Named in traces',
      nothingToConfigure: 'This node has nothing to configure.',
    },
    form: {
      add: 'Add {{item}}',
      remove: 'Remove {{item}}',
      removeNumbered: 'Remove {{item}} {{number}}',
      moveUp: 'Move up',
      moveDown: 'Move down',
      noItems: 'No {{item}} yet.',
      entry: 'entry',
      key: 'Key',
      value: 'Value',
      typeThenEnter: 'Type, then Enter',
      chooseAcdGroup: 'Choose an ACD group',
      noAcdGroups: 'This client has no ACD group yet',
      noSuchGroup: 'No group of that name',
      unknownGroup: 'Unknown group {{id}}…',
      noSuchTimeZone: 'No such time zone',
      valuePathHint: '{{paths}} … or a variable such as vars.tier',
      templateHint: 'Placeholders: {{sms.sender}}, {{sms.text}}, {{vars.name}}',
      closed: 'Closed',
      addInterval: 'Add an interval',
      addIntervalOn: 'Add interval on {{day}}',
      removeInterval: 'Remove interval',
      sameAs: 'Same as {{day}}',
      copyDay: 'Copy {{from}} to {{to}}',
    },
  },
  {
    palette: {
      search: 'Knotentypen suchen',
      nothingMatches: 'Kein Knotentyp passt zu „{{search}}“.',
      oneStart: 'Ein Workflow hat genau einen Startknoten',
      hint: 'Auf die Arbeitsfläche ziehen oder zum Hinzufügen klicken.',
    },
    node: {
      endsRun: 'Beendet den Lauf',
      incomplete: 'Unvollständig – siehe Eigenschaften',
      unknownType: 'Unbekannter Knotentyp „{{type}}“',
      problems: '{{count}} Problem(e)',
    },
    inspector: {
      nodesSelected: '{{count}} Knoten ausgewählt',
      nothingSelected: 'Nichts ausgewählt',
      manyHint: 'Mit Strg+C kopieren, mit Entf löschen, oder einen Knoten auswählen, um ihn zu bearbeiten.',
      noneHint:
        'Wählen Sie einen Knoten aus, um seine Einstellungen zu bearbeiten. Ziehen Sie Knotentypen aus der Palette links auf die Arbeitsfläche und verbinden Sie einen Port rechts an einem Knoten mit dem nächsten Knoten.',
      unknownTypeTitle: 'Unbekannter Knotentyp',
      unknownTypeText:
        'Dieser Knoten hat den Typ {{type}}, den dieses Switchboard nicht kennt. Löschen oder ersetzen Sie ihn.',
      label: 'Bezeichnung',
      labelHint: 'Auf der Arbeitsfläche angezeigt',
      nodeId: 'Knoten-ID',
      nodeIdHint: 'In Ablaufprotokollen genannt',
      nothingToConfigure: 'Dieser Knoten hat nichts einzustellen.',
    },
    form: {
      add: '{{item}} hinzufügen',
      remove: '{{item}} entfernen',
      removeNumbered: '{{item}} {{number}} entfernen',
      moveUp: 'Nach oben',
      moveDown: 'Nach unten',
      noItems: 'Noch keine Einträge vom Typ „{{item}}“.',
      entry: 'Eintrag',
      key: 'Schlüssel',
      value: 'Wert',
      typeThenEnter: 'Eingeben, dann Enter',
      chooseAcdGroup: 'ACD-Gruppe wählen',
      noAcdGroups: 'Dieser Mandant hat noch keine ACD-Gruppe',
      noSuchGroup: 'Keine Gruppe dieses Namens',
      unknownGroup: 'Unbekannte Gruppe {{id}}…',
      noSuchTimeZone: 'Keine solche Zeitzone',
      valuePathHint: '{{paths}} … oder eine Variable wie vars.tier',
      templateHint: 'Platzhalter: {{sms.sender}}, {{sms.text}}, {{vars.name}}',
      closed: 'Geschlossen',
      addInterval: 'Zeitraum hinzufügen',
      addIntervalOn: 'Zeitraum am {{day}} hinzufügen',
      removeInterval: 'Zeitraum entfernen',
      sameAs: 'Wie {{day}}',
      copyDay: '{{from}} auf {{to}} übertragen',
    },
  },
);
