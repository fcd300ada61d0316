/**
 * Whether Chrome's built-in model can answer here, in words, and its download. Availability is asked
 * with the very options an answer's session is created with (vision/language-model.ts): the model
 * may take text in one language and not pictures, and only the same question gets the true answer.
 */
import { formatPercent } from '../cost/format';
import { t } from '../shared/i18n';
import { languageModel, onDeviceOptions, type OnDeviceAvailability } from '../vision/language-model';

export type OnDeviceState =
  | { kind: 'missing' | 'unavailable' | 'downloadable' | 'available'; sentence: string }
  | { kind: 'downloading'; sentence: string; loaded?: number }
  | { kind: 'failed'; sentence: string };

const SENTENCES = {
  unavailable: 'onDeviceUnavailable',
  downloadable: 'onDeviceDownloadable',
  available: 'onDeviceAvailable',
} as const;

function stateOf(availability: OnDeviceAvailability, loaded?: number): OnDeviceState {
  if (availability === 'downloading') {
    return { kind: 'downloading', sentence: t('onDeviceDownloading', loaded === undefined ? '…' : formatPercent(loaded)), ...(loaded === undefined ? {} : { loaded }) };
  }
  // A value this code does not know (a later Chrome's) is read as the model not being ready.
  return availability in SENTENCES ? { kind: availability, sentence: t(SENTENCES[availability]) } : { kind: 'unavailable', sentence: t('onDeviceUnavailable') };
}

function failed(error: unknown): OnDeviceState {
  return { kind: 'failed', sentence: t('onDeviceCheckFailed', error instanceof Error ? error.message || error.name : String(error)) };
}

/** What Chrome says of its model for answers in `language`, as a state with its sentence. */
export async function onDeviceState(language: string): Promise<OnDeviceState> {
  const api = languageModel();
  if (!api) return { kind: 'missing', sentence: t('onDeviceMissing') };
  try {
    return stateOf(await api.availability(onDeviceOptions(language)));
  } catch (error) {
    return failed(error);
  }
}

/**
 * Starts (or joins) the model's download: must run inside a click, since Chrome downloads only for a
 * user's gesture. Creating a session is how the download is asked for; the session itself is let go.
 */
export async function downloadOnDeviceModel(language: string, onState: (state: OnDeviceState) => void): Promise<OnDeviceState> {
  const api = languageModel();
  if (!api) return { kind: 'missing', sentence: t('onDeviceMissing') };
  try {
    const session = await api.create({
      ...onDeviceOptions(language),
      monitor: (monitor) => monitor.addEventListener('downloadprogress', (event) => onState(stateOf('downloading', (event as Event & { loaded: number }).loaded))),
    });
    session.destroy();
    return await onDeviceState(language);
  } catch (error) {
    return failed(error);
  }
}
