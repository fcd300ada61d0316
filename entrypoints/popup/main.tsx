import { render } from 'preact';
import { App } from '../../components/popup/App';
import { clearAnswerWaiting } from '../../utils/badge';

void clearAnswerWaiting();
render(<App />, document.getElementById('app')!);
