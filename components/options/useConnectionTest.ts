import { useEffect, useRef, useState } from 'preact/hooks';
import { errorWords } from '../../utils/error-words';
import { sendToBackground } from '../../utils/shared/messages';
import type { Profile } from '../../utils/settings';
import type { TestState } from './ConnectionResult';

/**
 * "Test connection": lists the models of the server a form names, in the background (the saved key
 * never comes to this page). `key` is the key as typed; empty for the one saved for that server, if any.
 */
export function useConnectionTest() {
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [models, setModels] = useState<readonly string[] | null>(null);
  // Only the latest test's outcome is shown: one started earlier may answer after it.
  const latestTest = useRef(0);
  useEffect(() => () => void (latestTest.current += 1), []);

  const runTest = async (target: Profile, key: string) => {
    const mine = (latestTest.current += 1);
    setTest({ kind: 'testing' });
    let result: TestState;
    try {
      result = await sendToBackground('testConnection', { profileId: target.id, preset: target.preset, baseUrl: target.baseUrl, apiKey: key });
    } catch (error) {
      result = { kind: 'failed', sentence: errorWords(error) };
    }
    if (mine !== latestTest.current) return;
    setTest(result);
    if (result.kind === 'listed') setModels(result.models);
  };

  return { test, models, runTest };
}
