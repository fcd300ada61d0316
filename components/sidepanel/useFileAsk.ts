import { useEffect, useState } from 'preact/hooks';
import { onFileAsk } from './file-ask';

/**
 * In the sidebar (`listening`): the time of the latest note from Firefox's toolbar popup asking for
 * a file to be opened here (file-ask.ts), or null while there has been none. A new note gives a new
 * time, so the way to open a file is shown ready again each time.
 */
export function useFileAsk(listening: boolean): number | null {
  const [asked, setAsked] = useState<number | null>(null);
  useEffect(() => (listening ? onFileAsk(setAsked) : undefined), [listening]);
  return asked;
}
