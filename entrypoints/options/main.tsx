import { render } from 'preact';
import { App } from '../../components/options/App';
import { localizePage } from '../../components/shared/localize-page';

localizePage('optTitle');
render(<App />, document.getElementById('app')!);
