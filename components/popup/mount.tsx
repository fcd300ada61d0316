/**
 * The App, mounted over what the pre-paint put in the page (components/shared/pre-paint.ts): the
 * code the entrypoints load once the pre-paint's frame is under way. The App still starts from its
 * own round of reads (first-paint.ts), so it behaves as if nothing had been painted.
 */
import { render } from 'preact';
import { forgetFirstValues } from '../shared/first-values';
import { localizePage } from '../shared/localize-page';
import { rememberTurnsTop } from '../shared/pre-paint';
import type { Surface } from '../shared/surface';
import { App } from './App';
import { readFirstPaint } from './first-paint';
import { loadRendering } from './useRendering';

/** Renders the App into `root` once its first reads are in; resolves when it has rendered. */
export async function mountApp(root: HTMLElement, surface: Surface): Promise<void> {
  localizePage('actionTitle');
  // The markdown renderer loads beside the first read; the first render does not wait for it.
  loadRendering().catch((error: unknown) => console.error('Could not load the markdown renderer; answers stay plain text.', error));
  await readFirstPaint().catch((error: unknown) => console.error('Could not read what the page shows first; each part reads its own.', error));
  // Emptied in the same task as the render, so no frame shows the page blank in between; emptied
  // rather than rendered over, since Preact would otherwise adopt the pre-paint's elements as its own.
  root.replaceChildren();
  render(<App surface={surface} />, root);
  forgetFirstValues();
  rememberTurnsTop(root, surface);
}
