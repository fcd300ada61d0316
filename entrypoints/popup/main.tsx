import { render } from 'preact';
import { App } from '../../components/popup/App';
import { localizePage } from '../../components/shared/localize-page';
import { clearAnswerWaiting } from '../../utils/badge';

localizePage('actionTitle');
void clearAnswerWaiting();
render(<App />, document.getElementById('app')!);
