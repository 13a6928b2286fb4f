/**
 * The icons a node type may name (lucide names). A closed set, so a misspelt or unknown icon is a
 * type error in the catalog, and the editor's map from these names to drawings must cover every
 * one of them (it is typed `Record<NodeIcon, …>`). Chosen ahead for the node types to come, so a
 * new node type usually finds its icon here.
 */
export const NODE_ICONS = [
  'ban',
  'bell',
  'bot',
  'braces',
  'calendar-clock',
  'clock',
  'database',
  'dices',
  'filter',
  'flag',
  'git-branch',
  'globe',
  'hash',
  'headset',
  'hourglass',
  'key-round',
  'languages',
  'mail',
  'message-square',
  'percent',
  'phone',
  'play',
  'repeat',
  'reply',
  'route',
  'send',
  'shield-check',
  'shuffle',
  'sparkles',
  'split',
  'star',
  'tag',
  'timer',
  'users',
  'variable',
  'webhook',
] as const;

export type NodeIcon = (typeof NODE_ICONS)[number];
