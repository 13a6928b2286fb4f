import { defineMessages } from './define-messages';

/** The list of routing applications and the dialog that creates one or changes its settings. */
export const routingApplicationsMessages = defineMessages(
  {
    title: 'Routing applications',
    description:
      'Workflows that decide where an SMS goes: by keyword, sender, business hours, a CRM lookup, … Edit a draft, publish it as a version, then point a connector at the application.',
    descriptionAskAdmin:
      'Workflows that decide where an SMS goes: by keyword, sender, business hours, a CRM lookup, … Edit a draft and publish it as a version, then ask your reseller or system administrator to point a connector at the application.',
    new: 'New routing application',
    column: {
      status: 'Status',
      usedBy: 'Used by',
      fallback: 'Fallback ACD group',
      updated: 'Last change',
    },
    published: 'Published',
    draftOnly: 'Draft only',
    noConnector: 'No connector',
    noFallback: 'None: a failed run fails the SMS',
    empty: {
      title: 'No routing applications yet',
      action: 'Create a routing application',
      text: 'Draw how SMS are routed — for example STOP to drop, HELP to Support, everything else to Sales — then point a connector at it.',
      textAskAdmin:
        'Draw how SMS are routed — for example STOP to drop, HELP to Support, everything else to Sales — then ask your reseller or system administrator to point a connector at it.',
    },
    form: {
      newTitle: 'New routing application',
      settingsTitle: 'Application settings',
      namePlaceholder: 'Hotline routing',
      enterName: 'Enter a name such as “Hotline routing”',
      atMost: 'At most {{max}} characters',
      fallback: 'Fallback ACD group',
      fallbackHint:
        'Where an SMS goes when a run fails. Without one, the SMS is marked failed and no agent is offered it.',
      none: 'None',
      create: 'Create and open editor',
      created: '“{{name}}” created',
      save: 'Save settings',
      saved: 'Settings saved',
    },
  },
  {
    title: 'Routing-Applikationen',
    description:
      'Workflows, die entscheiden, wohin eine SMS geht: nach Schlüsselwort, Absender, Geschäftszeiten, einer CRM-Abfrage, … Bearbeiten Sie einen Entwurf, veröffentlichen Sie ihn als Version und lassen Sie dann einen SMS Empfangskonnektor auf die Routing-Applikation zeigen.',
    descriptionAskAdmin:
      'Workflows, die entscheiden, wohin eine SMS geht: nach Schlüsselwort, Absender, Geschäftszeiten, einer CRM-Abfrage, … Bearbeiten Sie einen Entwurf und veröffentlichen Sie ihn als Version. Bitten Sie dann Ihren Reseller oder Systemadministrator, einen SMS Empfangskonnektor auf die Routing-Applikation zeigen zu lassen.',
    new: 'Neue Routing-Applikation',
    column: {
      status: 'Status',
      usedBy: 'Verwendet von',
      fallback: 'Ausweich-ACD-Gruppe',
      updated: 'Letzte Änderung',
    },
    published: 'Veröffentlicht',
    draftOnly: 'Nur Entwurf',
    noConnector: 'Kein Konnektor',
    noFallback: 'Keine: Ein fehlgeschlagener Lauf lässt die SMS fehlschlagen',
    empty: {
      title: 'Noch keine Routing-Applikationen',
      action: 'Routing-Applikation anlegen',
      text: 'Zeichnen Sie, wie SMS geroutet werden – zum Beispiel STOP verwerfen, HELP an den Support, alles andere an den Vertrieb – und lassen Sie dann einen SMS Empfangskonnektor darauf zeigen.',
      textAskAdmin:
        'Zeichnen Sie, wie SMS geroutet werden – zum Beispiel STOP verwerfen, HELP an den Support, alles andere an den Vertrieb – und bitten Sie dann Ihren Reseller oder Systemadministrator, einen SMS Empfangskonnektor darauf zeigen zu lassen.',
    },
    form: {
      newTitle: 'Neue Routing-Applikation',
      settingsTitle: 'Einstellungen der Applikation',
      namePlaceholder: 'Hotline-Routing',
      enterName: 'Geben Sie einen Namen wie „Hotline-Routing“ ein',
      atMost: 'Höchstens {{max}} Zeichen',
      fallback: 'Ausweich-ACD-Gruppe',
      fallbackHint:
        'Wohin eine SMS geht, wenn ein Lauf fehlschlägt. Ohne Angabe wird die SMS als fehlgeschlagen markiert und keinem Agenten angeboten.',
      none: 'Keine',
      create: 'Anlegen und Editor öffnen',
      created: '„{{name}}“ angelegt',
      save: 'Einstellungen speichern',
      saved: 'Einstellungen gespeichert',
    },
  },
);
