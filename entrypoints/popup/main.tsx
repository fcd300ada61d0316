// The App's stylesheet in the page's first one, so the pre-painted answer is laid out as the App
// lays it out (the App's own import of it then adds nothing).
import '../../components/popup/popup.css';
import { startViews } from '../../components/shared/start-views';

startViews(document.getElementById('app')!, 'popup');
