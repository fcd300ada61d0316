/**
 * The page-side features on a public-looking site over https, with a certificate made for the test
 * and accepted by this suite's browser only.
 */
import { describePageFeatures } from './support/page-features';

describePageFeatures({ https: true });
