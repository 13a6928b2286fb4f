import { defineMessages } from './define-messages';

/**
 * What keeps a workflow from being published (`validateWorkflow`), by problem code, and why a
 * definition is no workflow at all (`migrateDefinition`). Names come quoted in the language's marks.
 */
export const workflowProblemMessages = defineMessages(
  {
    node_id_duplicate: 'Two nodes have the id {{id}}; every node needs its own id.',
    start_missing: 'The workflow has no start node; add one where SMS come in.',
    start_multiple: '{{node}} is a second start node; a workflow has exactly one.',
    node_type_unknown: 'Node {{id}} has the type {{type}}, which this Switchboard does not know.',
    config_invalid: '{{node}}: {{reason}}',
    config_invalid_field: '{{node}}: {{field}}: {{reason}}',
    acd_group_unknown:
      '{{node}}: {{field}}: the group chosen ({{group}}) no longer exists or belongs to another client; choose another.',
    edge_id_duplicate: 'Two edges have the id {{id}}; every edge needs its own id.',
    edge_source_missing: 'Edge {{id}} starts at node {{node}}, which does not exist.',
    edge_port_none: 'Edge {{id}} leaves {{node}}, which ends the run and has no ports.',
    edge_port_unknown: 'Edge {{id}} leaves {{node}} by port {{port}}, which it does not have (it has {{ports}}).',
    edge_target_missing: 'Edge {{id}} leads to node {{node}}, which does not exist.',
    edge_into_start: 'Edge {{id}} leads into the start node; runs only begin there.',
    port_unconnected: 'Port {{port}} of {{node}} leads nowhere; connect it to a node.',
    port_multiple_edges: 'Port {{port}} of {{node}} has {{count}} edges; a port leads to one node.',
    node_unreachable: '{{node}} cannot be reached from the start node.',
    cycle_without_wait: '{{nodes}} form a loop with no waiting node; a run would go round until its step limit.',
    node: 'Node',
    definition: {
      notAnObject: 'A workflow definition is a JSON object',
      cannotUpgrade: 'Version {{version}} cannot be upgraded',
      tooNew: 'Version {{version}} was written by a newer Switchboard; this one reads up to {{current}}',
      badVersion: 'schemaVersion is a whole number from 1',
    },
  },
  {
    node_id_duplicate: 'Zwei Knoten haben die ID {{id}}; jeder Knoten braucht eine eigene ID.',
    start_missing: 'Der Workflow hat keinen Startknoten; fügen Sie einen hinzu, wo SMS eingehen.',
    start_multiple: '{{node}} ist ein zweiter Startknoten; ein Workflow hat genau einen.',
    node_type_unknown: 'Knoten {{id}} hat den Typ {{type}}, den dieses Switchboard nicht kennt.',
    config_invalid: '{{node}}: {{reason}}',
    config_invalid_field: '{{node}}: {{field}}: {{reason}}',
    acd_group_unknown:
      '{{node}}: {{field}}: Die gewählte Gruppe ({{group}}) gibt es nicht mehr oder sie gehört einem anderen Mandanten; wählen Sie eine andere.',
    edge_id_duplicate: 'Zwei Verbindungen haben die ID {{id}}; jede Verbindung braucht eine eigene ID.',
    edge_source_missing: 'Verbindung {{id}} beginnt an Knoten {{node}}, den es nicht gibt.',
    edge_port_none: 'Verbindung {{id}} verlässt {{node}}, der den Lauf beendet und keine Ports hat.',
    edge_port_unknown: 'Verbindung {{id}} verlässt {{node}} über Port {{port}}, den er nicht hat (er hat {{ports}}).',
    edge_target_missing: 'Verbindung {{id}} führt zu Knoten {{node}}, den es nicht gibt.',
    edge_into_start: 'Verbindung {{id}} führt in den Startknoten; Läufe beginnen nur dort.',
    port_unconnected: 'Port {{port}} von {{node}} führt nirgendwohin; verbinden Sie ihn mit einem Knoten.',
    port_multiple_edges: 'Port {{port}} von {{node}} hat {{count}} Verbindungen; ein Port führt zu einem Knoten.',
    node_unreachable: '{{node}} ist vom Startknoten aus nicht erreichbar.',
    cycle_without_wait:
      '{{nodes}} bilden eine Schleife ohne wartenden Knoten; ein Lauf würde bis zu seiner Schrittgrenze im Kreis laufen.',
    node: 'Knoten',
    definition: {
      notAnObject: 'Eine Workflow-Definition ist ein JSON-Objekt',
      cannotUpgrade: 'Version {{version}} kann nicht aktualisiert werden',
      tooNew: 'Version {{version}} stammt von einem neueren Switchboard; dieses liest bis Version {{current}}',
      badVersion: 'schemaVersion ist eine ganze Zahl ab 1',
    },
  },
);
