import { defineMessages } from './define-messages';

/** The frame around every page: navigation, header, user menu, roles, pages that are not there. */
export const shellMessages = defineMessages(
  {
    nav: {
      traffic: 'Traffic',
      connectors: 'Connectors',
      sendConnectors: 'Outbound SMS',
      routingApplications: 'Routing applications',
      acdGroups: 'ACD groups',
      agents: 'Agents',
      desk: 'Agent desk',
      clients: 'Clients',
      resellers: 'Resellers',
      users: 'Users',
      auditLog: 'Audit log',
      administration: 'Administration',
      // Canned responses and wrap-up codes (issue 14).
      cannedResponses: 'Canned responses',
      wrapUpCodes: 'Wrap-up codes',
      // Opt-out (issue 15).
      optOuts: 'Opt-outs',
    },
    apiReference: 'API reference',
    client: 'Client',
    noClientOfThatName: 'No client of that name',
    loadingClients: 'Loading clients …',
    noClientsYet: 'No clients yet',
    chooseClient: 'Choose a client',
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    language: 'Language',
    roles: {
      system_admin: 'System admin',
      reseller_admin: 'Reseller admin',
      client_admin: 'Client admin',
      agent: 'Agent',
    },
    notFound: {
      title: 'This page does not exist',
      goToTraffic: 'Go to Traffic',
      text: 'The address may be mistyped, or the page was moved.',
    },
    requireClient: {
      clientsNotLoaded: 'The clients could not be loaded',
      adminsOnly: 'This console is for administrators',
      agentsWorkInDesk: 'Agents work in the agent desk. Ask an administrator if you need access to routing.',
      noClientYet: 'No client yet',
      createClient: 'Create a client',
      allBelongToClient: 'Connectors, ACD groups, routing applications and traffic all belong to a client.',
      createFirst: 'Create the first client, then choose it in the header.',
      notLinked: 'Your account is not linked to a client.',
    },
  },
  {
    nav: {
      traffic: 'SMS-Verkehr',
      connectors: 'SMS Empfangskonnektoren',
      sendConnectors: 'SMS-Versand',
      routingApplications: 'Routing-Applikationen',
      acdGroups: 'ACD-Gruppen',
      agents: 'Agenten',
      desk: 'Agenten-Arbeitsplatz',
      clients: 'Mandanten',
      resellers: 'Reseller',
      users: 'Benutzer',
      auditLog: 'Audit-Log',
      administration: 'Verwaltung',
      // Canned responses and wrap-up codes (issue 14).
      cannedResponses: 'Textbausteine',
      wrapUpCodes: 'Abschlusscodes',
      // Opt-out (issue 15).
      optOuts: 'Abmeldungen',
    },
    apiReference: 'API-Referenz',
    client: 'Mandant',
    noClientOfThatName: 'Kein Mandant mit diesem Namen',
    loadingClients: 'Mandanten werden geladen …',
    noClientsYet: 'Noch keine Mandanten',
    chooseClient: 'Mandant wählen',
    signedInAs: 'Angemeldet als',
    signOut: 'Abmelden',
    language: 'Sprache',
    roles: {
      system_admin: 'Systemadministrator',
      reseller_admin: 'Reselleradministrator',
      client_admin: 'Mandantenadministrator',
      agent: 'Agent',
    },
    notFound: {
      title: 'Diese Seite gibt es nicht',
      goToTraffic: 'Zum SMS-Verkehr',
      text: 'Die Adresse ist vielleicht falsch geschrieben, oder die Seite wurde verschoben.',
    },
    requireClient: {
      clientsNotLoaded: 'Die Mandanten konnten nicht geladen werden',
      adminsOnly: 'Diese Konsole ist für Administratoren',
      agentsWorkInDesk:
        'Agenten arbeiten am Agenten-Arbeitsplatz. Wenden Sie sich an einen Administrator, wenn Sie Zugriff auf das Routing brauchen.',
      noClientYet: 'Noch kein Mandant',
      createClient: 'Mandant anlegen',
      allBelongToClient:
        'SMS Empfangskonnektoren, ACD-Gruppen, Routing-Applikationen und der SMS-Verkehr gehören jeweils zu einem Mandanten.',
      createFirst: 'Legen Sie den ersten Mandanten an und wählen Sie ihn dann in der Kopfzeile.',
      notLinked: 'Ihr Benutzerkonto ist keinem Mandanten zugeordnet.',
    },
  },
);
