/**
 * Where people are: the page-side features on a public-looking site over plain http, which is not a
 * secure context (intranets, routers, older blogs). Issue 21: the content script died there at load.
 */
import { describePageFeatures } from './support/page-features';

describePageFeatures({ https: false });
