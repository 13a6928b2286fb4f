import { defineMessages } from './define-messages';

/**
 * The words for the values the server declares as lists (SMS statuses, agent statuses,
 * strategies, …), each value once, keyed by the value: `t(`status.sms.${status}`)`.
 */
export const statusMessages = defineMessages(
  {
    sms: { received: 'Received', routed: 'Routed', queued: 'Queued', dropped: 'Dropped', failed: 'Failed' },
    mediaEvent: {
      queued: 'Queued',
      offered: 'Offered',
      accepted: 'Accepted',
      completed: 'Completed',
      delivered: 'Delivered',
      expired: 'Expired',
      cancelled: 'Cancelled',
    },
    execution: { running: 'Running', waiting: 'Waiting', completed: 'Completed', failed: 'Failed' },
    agent: { available: 'Available', busy: 'Busy', pause: 'Pause', wrap_up: 'Wrap-up', logged_off: 'Logged off' },
    offer: {
      accepted: 'Accepted',
      declined: 'Declined',
      expired: 'Expired',
      withdrawn: 'Withdrawn',
      delivered: 'Delivered',
      failed: 'Failed',
    },
    strategy: { longest_idle: 'Longest idle first', round_robin: 'Round robin' },
    strategyDescription: {
      longest_idle: 'The available member who has waited longest since their last SMS is asked first.',
      round_robin: 'Available members are asked in turn.',
    },
    routingType: { direct_acd_group: 'Direct ACD group', routing_application: 'Routing application' },
    smsDelivery: { web: 'Agent desk', email: 'E-mail' },
  },
  {
    sms: {
      received: 'Empfangen',
      routed: 'Geroutet',
      queued: 'In Warteschlange',
      dropped: 'Verworfen',
      failed: 'Fehlgeschlagen',
    },
    mediaEvent: {
      queued: 'In Warteschlange',
      offered: 'Angeboten',
      accepted: 'Angenommen',
      completed: 'Abgeschlossen',
      delivered: 'Zugestellt',
      expired: 'Abgelaufen',
      cancelled: 'Storniert',
    },
    execution: { running: 'Läuft', waiting: 'Wartet', completed: 'Abgeschlossen', failed: 'Fehlgeschlagen' },
    agent: {
      available: 'Verfügbar',
      busy: 'Beschäftigt',
      pause: 'Pause',
      wrap_up: 'Nachbearbeitung',
      logged_off: 'Abgemeldet',
    },
    offer: {
      accepted: 'Angenommen',
      declined: 'Abgelehnt',
      expired: 'Abgelaufen',
      withdrawn: 'Zurückgezogen',
      delivered: 'Zugestellt',
      failed: 'Fehlgeschlagen',
    },
    strategy: { longest_idle: 'Längste Wartezeit zuerst', round_robin: 'Reihum (Round Robin)' },
    strategyDescription: {
      longest_idle: 'Das verfügbare Mitglied, das seit seiner letzten SMS am längsten wartet, wird zuerst gefragt.',
      round_robin: 'Die verfügbaren Mitglieder werden der Reihe nach gefragt.',
    },
    routingType: { direct_acd_group: 'Direkt ACD-Gruppe', routing_application: 'Routing-Applikation' },
    smsDelivery: { web: 'Agenten-Arbeitsplatz', email: 'E-Mail' },
  },
);
