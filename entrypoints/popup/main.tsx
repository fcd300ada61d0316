// The App's stylesheet in the page's first one, so the pre-painted answer is laid out as the App
// lays it out (the App's own import of it then adds nothing).
import '../../components/popup/popup.css';
import { prePaint } from '../../components/shared/pre-paint';

const root = document.getElementById('app')!;
// The stored answer first, from one read; then the App's code, which renders over it.
prePaint(root, 'popup')
  .catch((error: unknown) => console.error('Could not paint the stored answer early; the App paints it when it has loaded.', error))
  .then(() => Promise.all([import('../../components/popup/mount'), import('../../utils/badge')]))
  .then(async ([{ mountApp }, { clearAnswerWaiting }]) => {
    await mountApp(root, 'popup');
    await clearAnswerWaiting();
  })
  .catch((error: unknown) => console.error('Could not start the popup.', error));
