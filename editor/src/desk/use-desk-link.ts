import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DESK_LINK_PARAMS, deskLinkFrom, findDeskLinkTarget, type DeskLink, type DeskLinkTarget } from './desk-link';
import type { DeskState } from './desk-state';

/** What the desk made of the link it was opened with: the card to show, or a notice that it is not here. */
export type DeskLinkOutcome = { found: DeskLinkTarget } | { missing: DeskLink['kind'] };

/**
 * Reads the desk link (`?conversation=` / `?mediaEvent=`) once, when the desk's first snapshot
 * is in, and takes it off the address, so a reload later does not point at work long done.
 */
export function useDeskLink(state: DeskState | undefined) {
  const [params, setParams] = useSearchParams();
  const [outcome, setOutcome] = useState<DeskLinkOutcome>();
  const read = useRef(false);

  useEffect(() => {
    if (!state || read.current) return;
    read.current = true;
    const link = deskLinkFrom(params);
    if (!link) return;
    const found = findDeskLinkTarget(state, link);
    setOutcome(found ? { found } : { missing: link.kind });
    const rest = new URLSearchParams(params);
    for (const name of Object.values(DESK_LINK_PARAMS)) rest.delete(name);
    setParams(rest, { replace: true });
  }, [state, params, setParams]);

  return { outcome, dismiss: () => setOutcome(undefined) };
}
