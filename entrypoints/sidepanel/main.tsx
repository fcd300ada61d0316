// The side panel shows the popup's views at the window's full height, and stays open while the
// person works in the page: it follows the newest conversation, audit or comparison.
// The App's stylesheet in the page's first one, so the pre-painted answer is laid out as the App lays it out.
import '../../components/popup/popup.css';
import { prePaint } from '../../components/shared/pre-paint';

const root = document.getElementById('app')!;
// The stored answer first, from one read; then the App's code, which renders over it.
prePaint(root, 'sidepanel')
  .catch((error: unknown) => console.error('Could not paint the stored answer early; the App paints it when it has loaded.', error))
  .then(() => Promise.all([import('../../components/popup/mount'), import('../../utils/badge')]))
  .then(async ([{ mountApp }, { clearAnswerWaiting }]) => {
    await mountApp(root, 'sidepanel');
    // The panel shows the answer the badge may say is waiting.
    await clearAnswerWaiting();
  })
  .catch((error: unknown) => console.error('Could not start the side panel.', error));
