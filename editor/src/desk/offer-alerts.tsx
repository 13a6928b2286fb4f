import { Switch, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskMediaEvent } from '../../../contract/desk';
import { t as translate } from '../i18n/setup-i18n';

const SETTING = 'switchboard.desk.offerAlerts';

/** Whether this browser alerts the agent to new offers (on unless they turned it off here). */
export function useOfferAlertsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(SETTING) !== 'off');
  const set = (value: boolean) => {
    localStorage.setItem(SETTING, value ? 'on' : 'off');
    setOn(value);
    // Asked for when the agent turns alerts on: a browser asks only in answer to a click.
    if (value && 'Notification' in window && Notification.permission === 'default')
      void Notification.requestPermission();
  };
  return [on, set];
}

/**
 * A chime and, where the browser allows it, a notification for each offer that arrives while
 * the desk is open (not for those already there when it opened), so that an agent working in
 * another window does not let an SMS time out.
 */
export function useOfferAlerts(offers: readonly DeskMediaEvent[] | undefined, enabled: boolean): void {
  const seen = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    if (!offers) return;
    if (seen.current === undefined) {
      seen.current = new Set(offers.map((offer) => offer.id));
      return;
    }
    const fresh = offers.filter((offer) => !seen.current!.has(offer.id));
    for (const offer of fresh) seen.current.add(offer.id);
    if (!enabled || fresh.length === 0) return;
    chime();
    for (const offer of fresh) notify(offer);
  }, [offers, enabled]);
}

let audio: AudioContext | undefined;

/** Two short tones made on the spot: no sound file to load, none to block. */
function chime(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1320],
    ] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.16);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.17);
    }
  } catch {
    // No audio here (a locked-down browser): the notification and the tab title still say it.
  }
}

function notify(offer: DeskMediaEvent): void {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const notification = new Notification(translate('desk.alerts.newOffer', { subject: offer.subject }), {
    body: `${offer.sms.sender}: ${offer.sms.message.slice(0, 140)}`,
    tag: offer.id,
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}

/** The desk's switch for the alerts. */
export function OfferAlertsSwitch({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('desk.alerts.explain')} multiline w={260}>
      <Switch
        size="xs"
        data-testid="offer-alerts"
        label={t('desk.alerts.label')}
        checked={on}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </Tooltip>
  );
}
