import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../utils/shared/i18n';

/**
 * A view whose code loads when it is first shown, so the popup's first paint does not wait for
 * the code of views it does not show (the history, the comparison, the page audit).
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [problem, setProblem] = useState('');
    useEffect(() => {
      if (View) return undefined;
      let live = true;
      loading ??= load().then((view) => (loaded = view));
      loading.then(
        (view) => {
          if (live) setView(() => view);
        },
        (error: unknown) => {
          // The next time the view is shown, it is tried again.
          loading = undefined;
          if (live) setProblem(error instanceof Error ? error.message : String(error));
        },
      );
      return () => {
        live = false;
      };
    }, [View]);
    if (View) return <View {...props} />;
    return problem ? <p role="alert" class="error">{problem}</p> : <p aria-busy="true">{t('loading')}</p>;
  };
}
