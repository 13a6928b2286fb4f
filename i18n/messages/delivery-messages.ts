import { defineMessages } from './define-messages';

/**
 * Why a request to a receiver endpoint (`/SMSReceiver`, `/SMSReceiver/<provider>`) was accepted,
 * ignored or refused, as the delivery log shows it. Providers get the English words in their
 * answer; admins read the log in their own language.
 */
export const deliveryMessages = defineMessages(
  {
    accepted: 'Stored',
    duplicate: 'A repeated delivery of message {{messageId}}: answered with the first delivery’s id, nothing stored',
    partStored: 'Part {{index}} of {{total}} stored; the SMS is routed once all parts are there',
    ignored: {
      event: 'An event of type {{type}}, not an inbound SMS: acknowledged, nothing stored',
      deliveryReport: 'A delivery report, not an inbound SMS: acknowledged, nothing stored',
    },
    receiverNotInPayload:
      'The payload does not say which number the SMS was sent to: give it in the webhook URL, as ?receiver= followed by the number (the connector page shows the URL)',
    field: {
      missing: '{{field}} is missing',
      empty: '{{field}} is empty',
      tooLong: '{{field}} is too long',
      invalid: '{{field}} is not valid: {{why}}',
      notPhoneNumber: '{{field}} is not a phone number',
      unstorable: '{{field}} contains a character that cannot be stored (NUL or an unpaired surrogate)',
      notString: '{{field}} must be a string',
      notWholeNumber: '{{field}} must be a whole number from {{min}} to {{max}}',
      notHex: '{{field}} must be hexadecimal',
    },
    body: {
      notJson: 'The body is not valid JSON',
      notObject: 'The JSON body must be an object',
      unreadable: 'The body could not be read: {{why}}',
      tooLarge: 'The request body is larger than {{limit}} bytes',
      textTooLong: 'The text is longer than {{limit}} characters',
    },
    signature: {
      missing: 'The signature header {{header}} is missing',
      mismatch: 'The signature in {{header}} does not match: a wrong secret, or a request not from the provider',
      malformed: 'The signature in {{header}} is malformed',
      stale: 'The signed timestamp is {{seconds}} s away from now; at most {{limit}} s are allowed',
      unusableSecret: 'The connector’s secret cannot be used to check signatures: {{why}}',
      noSecret: 'the connector has no secret set',
      sealedSecret: 'it is stored encrypted, and this server has no SWITCHBOARD_SECRET_KEY that opens it',
      loggedOnly: 'Signature check failed, accepted anyway (the connector only logs failures): {{why}}',
      unsupported: '{{provider}} does not sign its requests; only the connector’s token can vouch for them',
    },
    unknownNumber: 'No {{provider}} connector has the receiver number {{receiver}}',
    otherProvider: 'The connector of {{receiver}} receives from {{provider}}, at its own address',
    badToken: 'The token is missing or wrong',
    unrouted: 'The connector has no ACD group or routing application configured',
    storeFailed: 'Storing the SMS failed; the provider should retry',
    methodNotAllowed: '{{method}} delivers nothing here',
    answeredOkToStopRetries: '{{why}} (answered 200 all the same, so that {{provider}} does not retry for weeks)',
    summarised_one: '{{count}} more refusal in this second, not recorded one by one',
    summarised_other: '{{count}} more refusals in this second, not recorded one by one',
  },
  {
    accepted: 'Gespeichert',
    duplicate:
      'Eine wiederholte Zustellung der Nachricht {{messageId}}: mit der ID der ersten Zustellung beantwortet, nichts gespeichert',
    partStored: 'Teil {{index}} von {{total}} gespeichert; die SMS wird geroutet, sobald alle Teile da sind',
    ignored: {
      event: 'Ein Ereignis vom Typ {{type}}, keine eingehende SMS: bestätigt, nichts gespeichert',
      deliveryReport: 'Ein Zustellbericht, keine eingehende SMS: bestätigt, nichts gespeichert',
    },
    receiverNotInPayload:
      'Die Payload sagt nicht, an welche Rufnummer die SMS ging: geben Sie sie in der Webhook-URL an, als ?receiver= gefolgt von der Rufnummer (die Seite des Konnektors zeigt die URL)',
    field: {
      missing: '{{field}} fehlt',
      empty: '{{field}} ist leer',
      tooLong: '{{field}} ist zu lang',
      invalid: '{{field}} ist ungültig: {{why}}',
      notPhoneNumber: '{{field}} ist keine Telefonnummer',
      unstorable: '{{field}} enthält ein Zeichen, das nicht gespeichert werden kann (NUL oder ein einzelnes Surrogat)',
      notString: '{{field}} muss ein String sein',
      notWholeNumber: '{{field}} muss eine ganze Zahl von {{min}} bis {{max}} sein',
      notHex: '{{field}} muss hexadezimal sein',
    },
    body: {
      notJson: 'Der Body ist kein gültiges JSON',
      notObject: 'Der JSON-Body muss ein Objekt sein',
      unreadable: 'Der Body konnte nicht gelesen werden: {{why}}',
      tooLarge: 'Der Request-Body ist größer als {{limit}} Bytes',
      textTooLong: 'Der Text ist länger als {{limit}} Zeichen',
    },
    signature: {
      missing: 'Der Signatur-Header {{header}} fehlt',
      mismatch:
        'Die Signatur in {{header}} stimmt nicht: ein falsches Secret oder ein Request, der nicht vom Provider kommt',
      malformed: 'Die Signatur in {{header}} ist fehlerhaft',
      stale: 'Der signierte Zeitstempel liegt {{seconds}} s von jetzt entfernt; erlaubt sind höchstens {{limit}} s',
      unusableSecret: 'Mit dem Secret des Connectors lassen sich keine Signaturen prüfen: {{why}}',
      noSecret: 'der Connector hat kein Secret',
      sealedSecret:
        'es ist verschlüsselt gespeichert, und dieser Server hat keinen SWITCHBOARD_SECRET_KEY, der es öffnet',
      loggedOnly:
        'Signaturprüfung fehlgeschlagen, trotzdem angenommen (der Connector protokolliert Fehler nur): {{why}}',
      unsupported: '{{provider}} signiert seine Requests nicht; nur das Token des Connectors kann sie bestätigen',
    },
    unknownNumber: 'Kein {{provider}}-Connector hat die Empfängernummer {{receiver}}',
    otherProvider: 'Der Connector von {{receiver}} empfängt von {{provider}}, unter seiner eigenen Adresse',
    badToken: 'Das Token fehlt oder ist falsch',
    unrouted: 'Der Connector hat weder eine ACD-Gruppe noch eine Routing-Applikation',
    storeFailed: 'Das Speichern der SMS ist fehlgeschlagen; der Provider sollte es erneut versuchen',
    methodNotAllowed: '{{method}} stellt hier nichts zu',
    answeredOkToStopRetries:
      '{{why}} (trotzdem mit 200 beantwortet, damit {{provider}} es nicht wochenlang erneut versucht)',
    summarised_one: '{{count}} weitere Ablehnung in dieser Sekunde, nicht einzeln protokolliert',
    summarised_other: '{{count}} weitere Ablehnungen in dieser Sekunde, nicht einzeln protokolliert',
  },
);
