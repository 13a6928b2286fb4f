/**
 * Where the API reference opens: in a tab of its own, since the docs page has no way back to the
 * app and would otherwise replace it (noopener: the docs get no handle on this window).
 */
export const apiDocsLink = { href: '/api/docs', target: '_blank', rel: 'noopener' } as const;
