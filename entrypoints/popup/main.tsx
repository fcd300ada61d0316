import { render } from 'preact';
import { App } from '../../components/popup/App';
import { readFirstPaint } from '../../components/popup/first-paint';
import { loadRendering } from '../../components/popup/useRendering';
import { forgetFirstValues } from '../../components/shared/first-values';
import { localizePage } from '../../components/shared/localize-page';
import { clearAnswerWaiting } from '../../utils/badge';

localizePage('actionTitle');
// The markdown renderer loads beside the first read; the first paint does not wait for it.
loadRendering().catch((error: unknown) => console.error('Could not load the markdown renderer; answers stay plain text.', error));
// One round of reads, then one render that shows the stored conversation.
readFirstPaint()
  .catch((error: unknown) => console.error('Could not read what the popup shows first; each part reads its own.', error))
  .finally(() => {
    render(<App />, document.getElementById('app')!);
    forgetFirstValues();
    void clearAnswerWaiting();
  });
