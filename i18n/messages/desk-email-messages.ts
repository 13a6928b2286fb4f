import { defineMessages } from './define-messages';

/** Conversations an agent holds by e-mail, as the desk lists them, and closing one (issue 14). */
export const deskEmailMessages = defineMessages(
  {
    title: 'Held by e-mail',
    intro: 'Conversations you took by e-mail. New SMS in them are mailed to you; answer and close them here.',
    empty: 'No conversation is held by you by e-mail.',
    badge: 'By e-mail',
    lastMessage: 'Last message {{time}}',
    close: 'Close',
    closed: 'Conversation with {{customer}} closed',
    notHeld: {
      closed: 'This conversation is closed already',
      waiting: 'This conversation is waiting in its group: it is no longer yours',
      otherAgent: 'This conversation is held by another agent',
      onDesk: 'This conversation is on your desk under “In progress”: complete it there',
    },
  },
  {
    title: 'Per E-Mail gehalten',
    intro:
      'Konversationen, die Sie per E-Mail übernommen haben. Neue SMS darin erhalten Sie per E-Mail; beantworten und schließen Sie sie hier.',
    empty: 'Sie halten keine Konversation per E-Mail.',
    badge: 'Per E-Mail',
    lastMessage: 'Letzte Nachricht {{time}}',
    close: 'Schließen',
    closed: 'Konversation mit {{customer}} geschlossen',
    notHeld: {
      closed: 'Diese Konversation ist bereits geschlossen',
      waiting: 'Diese Konversation wartet in ihrer Gruppe: Sie gehört Ihnen nicht mehr',
      otherAgent: 'Diese Konversation hält ein anderer Agent',
      onDesk: 'Diese Konversation liegt an Ihrem Arbeitsplatz unter „In Bearbeitung“: Schließen Sie sie dort ab',
    },
  },
);
