import { t } from '../../utils/shared/i18n';
import type { ConnectionTest } from '../../utils/profiles/connection-test';

/** Where the connection test is: not run yet, running, or its outcome. */
export type TestState = { kind: 'idle' } | { kind: 'testing' } | ConnectionTest;

/**
 * The connection test's sentence, announced politely. It is always in the page, empty until a test
 * runs, so screen readers hear each new sentence; busy while the request is out.
 */
export function ConnectionResult({ state }: { state: TestState }) {
  const failed = state.kind === 'failed' || state.kind === 'not-sent';
  const text = state.kind === 'idle' ? '' : state.kind === 'testing' ? t('connTesting') : state.sentence;
  return (
    <p id="connection-test" role="status" aria-busy={state.kind === 'testing'} class={failed ? 'error' : 'muted'}>
      {text}
    </p>
  );
}
