/**
 * Presenter mode's spotlight: the diagram component that acted last (sent the newest request) glows for a moment,
 * so a class sees who is doing what. Works on the cards' accessible names, outside React's render path.
 */
import { useEffect } from 'react';
import { useUiStore } from '../store/ui-store';
import { endpointPlace } from '../diagram/traffic-endpoints';

const GLOW_MS = 900;

/** The accessible name of the card a traffic endpoint is drawn at. */
export function spotlightLabel(from: string): string {
  const place = endpointPlace(from);
  return place.startsWith('node/') ? `node ${place.slice('node/'.length)}` : place;
}

export function Spotlight() {
  const presenter = useUiStore((s) => s.view.presenter);
  useEffect(() => {
    if (!presenter) return;
    const timers = new Map<Element, number>();
    const unsubscribe = useUiStore.subscribe((s, prev) => {
      if (s.lastTraffic === prev.lastTraffic) return;
      const acting = s.lastTraffic.filter((t) => t.kind === 'request').at(-1);
      if (!acting) return;
      const card = document.querySelector(`.react-flow [aria-label="${CSS.escape(spotlightLabel(acting.from))}"]`);
      if (!card) return;
      card.setAttribute('data-spotlight', 'true');
      clearTimeout(timers.get(card));
      timers.set(card, window.setTimeout(() => card.removeAttribute('data-spotlight'), GLOW_MS));
    });
    return () => {
      unsubscribe();
      for (const [card, t] of timers) {
        clearTimeout(t);
        card.removeAttribute('data-spotlight');
      }
    };
  }, [presenter]);
  return null;
}
