import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_PICTURE_BYTES } from '../../utils/shared/picture-limit';
import { plural, t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import { fileChooserClosesPopup } from '../sidepanel/file-chooser-closes-popup';
import { OpenFileInSidePanel } from '../sidepanel/OpenFileInSidePanel';

type Say = (message: string, kind: 'status' | 'error') => void;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error(t('bringCannotRead', file.name)));
    reader.readAsDataURL(file);
  });
}

/** Reads the files (checked for size first) and hands them to the background as one conversation or the tray. */
export async function bringFiles(files: File[], say: Say, onDone: (to: 'conversation' | 'compare') => void): Promise<void> {
  const tooBig = files.find((file) => file.size > MAX_PICTURE_BYTES);
  if (tooBig) return say(t('bringTooLarge', Math.round(MAX_PICTURE_BYTES / 1024 / 1024)), 'error');
  say(t('bringReading'), 'status');
  try {
    const read = await Promise.all(files.map(async (file) => ({ dataUrl: await readAsDataUrl(file), name: file.name || t('pastedPicture') })));
    const { to } = await sendToBackground('bringFiles', { files: read });
    say(to === 'compare' ? plural('bringToTray', files.length) : t('bringAsking'), 'status');
    onDone(to);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'error');
  }
}

export async function bringAddress(address: string, say: Say, onDone: (to: 'conversation') => void): Promise<void> {
  say(t('bringReading'), 'status');
  try {
    await sendToBackground('bringAddress', { address });
    say(t('bringAsking'), 'status');
    onDone('conversation');
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'error');
  }
}

const isAddress = (text: string) => /^(https?:\/\/\S+|data:image\/[\w.+-]+;base64,\S+)$/i.test(text.trim());

/**
 * Paste (Ctrl+V of a picture or of a picture's address) and drop, anywhere in the popup. A paste
 * into a text box stays ordinary typing unless it carries a picture.
 */
export function usePasteAndDrop(say: Say, onDone: (to: 'conversation' | 'compare') => void): void {
  useEffect(() => {
    // Every file goes on: the background reads its first bytes and refuses what is not a picture, in words.
    const images = (list: DataTransfer | null) => [...(list?.files ?? [])];
    const onPaste = (event: ClipboardEvent) => {
      const files = images(event.clipboardData);
      if (files.length > 0) {
        event.preventDefault();
        void bringFiles(files, say, onDone);
        return;
      }
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (!typing && isAddress(text)) {
        event.preventDefault();
        void bringAddress(text.trim(), say, onDone);
      }
    };
    const onDragOver = (event: DragEvent) => event.preventDefault();
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      const files = images(event.dataTransfer);
      if (files.length > 0) return void bringFiles(files, say, onDone);
      const address = (event.dataTransfer?.getData('text/uri-list') || event.dataTransfer?.getData('text/plain') || '').split('\n')[0]!.trim();
      if (address) void bringAddress(address, say, onDone);
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [say, onDone]);
}

/**
 * Ways in besides the right-click: open a file, type or paste an address, select a region of the
 * page; paste and drop work anywhere in the popup (usePasteAndDrop).
 * `stepAside`: the toolbar popup closes so the page can be drawn on; the side panel stays beside it.
 * `fileAsked`: when Firefox's toolbar popup last sent the person here to open a file (the sidebar's
 * useFileAsk): "Open a file…" then takes the focus, with a sentence saying why it is here.
 */
export function BringPicture({ say, stepAside, fileAsked = null }: { say: Say; stepAside: boolean; fileAsked?: number | null }) {
  const [address, setAddress] = useState('');
  // Firefox's toolbar popup would close under the file chooser: its "Open a file…" opens the sidebar instead.
  const [viaSidebar] = useState(() => fileChooserClosesPopup());
  const fileInput = useRef<HTMLInputElement>(null);
  // The sentence is about the file the popup sent the person for: once one is chosen, it has been said.
  const [fileChosenFor, setFileChosenFor] = useState<number | null>(null);
  const fileHere = fileAsked !== null && fileChosenFor !== fileAsked;
  useEffect(() => {
    const input = fileInput.current;
    if (!fileAsked || !input) return;
    // A closed "Ask about another picture…" would keep the input from taking the focus.
    const fold = input.closest('details');
    if (fold) fold.open = true;
    // The panel's focus, so the keyboard lands on it when the person comes to the panel (Firefox
    // leaves the keyboard in the page, and a page may not take it, nor open the chooser, by itself).
    input.focus();
    input.scrollIntoView({ block: 'nearest' });
  }, [fileAsked]);
  const onFiles = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    setFileChosenFor(fileAsked);
    if (files.length > 0) void bringFiles(files, say, () => undefined);
  };
  const region = () => {
    sendToBackground('askRegion', undefined).then(
      // The popup steps aside so the page can be drawn on; the answer opens it again.
      () => {
        if (stepAside) window.close();
      },
      (error: unknown) => say(error instanceof Error ? error.message : String(error), 'error'),
    );
  };
  return (
    <section class="bring" aria-labelledby="bring-title">
      <h2 id="bring-title" class="visually-hidden">{t('bringTitle')}</h2>
      <p class="muted">{t('bringHint')}</p>
      {fileHere ? <p id="bring-file-here" class="file-here">{t('bringFileHere')}</p> : null}
      <div class="row">
        {viaSidebar ? (
          <OpenFileInSidePanel say={say} />
        ) : (
          <label class="file-button">
            {t('bringOpenFile')}
            {/* Visually hidden, still focusable: the label looks like a button, the input takes the keyboard. */}
            <input
              ref={fileInput}
              type="file"
              class="visually-hidden"
              accept="image/*"
              multiple
              onChange={onFiles}
              aria-describedby={fileHere ? 'bring-file-here' : undefined}
            />
          </label>
        )}
        <button type="button" onClick={region}>{t('regionButton')}</button>
      </div>
      <form
        class="row"
        // The background's sentence says what is wrong with an address, in the UI's language.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!address.trim()) return say(t('bringTypeAddress'), 'error');
          void bringAddress(address, say, () => setAddress(''));
        }}
      >
        <label for="picture-address" class="visually-hidden">{t('bringAddressLabel')}</label>
        <input id="picture-address" type="url" placeholder={t('bringAddressLabel')} value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
        <button type="submit">{t('bringAskAddress')}</button>
      </form>
    </section>
  );
}
