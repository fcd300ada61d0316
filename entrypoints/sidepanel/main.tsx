import { render } from 'preact';
import { App } from '../../components/popup/App';
import { readFirstPaint } from '../../components/popup/first-paint';
import { loadRendering } from '../../components/popup/useRendering';
import { forgetFirstValues } from '../../components/shared/first-values';
import { localizePage } from '../../components/shared/localize-page';

// The side panel shows the popup's views at the window's full height, and stays open while the
// person works in the page: it follows the newest conversation, audit or comparison.
localizePage('actionTitle');
loadRendering().catch((error: unknown) => console.error('Could not load the markdown renderer; answers stay plain text.', error));
readFirstPaint()
  .catch((error: unknown) => console.error('Could not read what the side panel shows first; each part reads its own.', error))
  .finally(() => {
    render(<App surface="sidepanel" />, document.getElementById('app')!);
    forgetFirstValues();
  });
