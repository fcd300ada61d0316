/**
 * The comparison tray: pictures collected from any tab with "Add to comparison", reordered or
 * removed in the popup, then asked about together in one conversation.
 */
import { loadSource, rememberSource } from '../image/source-store';
import { t } from '../shared/i18n';
import { boundedPicture } from '../page-strings';
import { currentSettings } from '../profiles/current-settings';
import { compareTrayItem, type TrayEntry } from '../storage';
import { updateItem } from '../update-item';
import { choiceOf, newConversation, newId, newTurn, sourceKey } from './conversation';
import { saveNewConversation } from './conversation-store';
import type { ResolvedPicture } from './resolve-target';
import { runTurn } from './run-turn';
import { thumbnailFor } from './thumbnails';

/** More pictures than this make requests slow and costly; vision APIs also cap pictures per request. */
export const TRAY_LIMIT = 8;

const trayKey = (id: string) => `tray:${id}`;

async function changeTray(change: (tray: TrayEntry[]) => TrayEntry[]): Promise<void> {
  await updateItem(compareTrayItem, change);
}

export async function addToTray({ picture, sourceDataUrl, incognito }: ResolvedPicture): Promise<void> {
  const tray = await compareTrayItem.getValue();
  if (tray.length >= TRAY_LIMIT) {
    throw new Error(t('trayFull', TRAY_LIMIT));
  }
  // Bounded (and refused, for an address no picture has) before anything is kept.
  const bounded = boundedPicture(picture);
  const id = newId();
  if (sourceDataUrl) await rememberSource(trayKey(id), sourceDataUrl);
  const thumbnail = bounded.thumbnail ?? (await thumbnailFor(bounded, sourceDataUrl));
  const entry: TrayEntry = { id, picture: thumbnail ? { ...bounded, thumbnail } : bounded, addedAt: Date.now(), ...(incognito ? { incognito } : {}) };
  await changeTray((entries) => [...entries, entry]);
}

export const removeFromTray = (id: string) => changeTray((tray) => tray.filter((entry) => entry.id !== id));

export const clearTray = () => changeTray(() => []);

/** Moves a picture one place earlier (-1) or later (+1). */
export function moveInTray(id: string, by: -1 | 1): Promise<void> {
  return changeTray((tray) => {
    const from = tray.findIndex((entry) => entry.id === id);
    const to = from + by;
    if (from === -1 || to < 0 || to >= tray.length) return tray;
    const next = [...tray];
    [next[from], next[to]] = [next[to]!, next[from]!];
    return next;
  });
}

/** Starts a conversation about every picture in the tray, in order, and empties the tray. */
export async function askComparison(question: string): Promise<{ done: Promise<void> }> {
  const text = question.trim();
  if (!text) throw new Error(t('compareNeedsQuestion'));
  const tray = await compareTrayItem.getValue();
  if (tray.length < 2) throw new Error(t('compareNeedsTwo'));
  const settings = await currentSettings();
  // One picture from a private window makes the whole comparison private.
  // The tray's pictures were bounded as they came in (addToTray).
  const conversation = newConversation(tray.map((entry) => entry.picture), Date.now(), { incognito: tray.some((entry) => entry.incognito) });
  const turn = newTurn(text, choiceOf(settings));
  conversation.turns.push(turn);
  await Promise.all(
    tray.map(async (entry, i) => {
      const source = await loadSource(trayKey(entry.id));
      if (source) await rememberSource(sourceKey(conversation.id, i), source);
    }),
  );
  await saveNewConversation(conversation);
  await clearTray();
  return { done: runTurn(conversation.id, turn.id) };
}
