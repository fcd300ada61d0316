// The side panel shows the popup's views at the window's full height, and stays open while the
// person works in the page: it follows the newest conversation, audit or comparison.
// The App's stylesheet in the page's first one, so the pre-painted answer is laid out as the App lays it out.
import '../../components/popup/popup.css';
import { startViews } from '../../components/shared/start-views';

startViews(document.getElementById('app')!, 'sidepanel');
