// The production entry: `npm run build` bundles it into dist-server/production.js, which runs on
// plain `node` with only the production dependencies installed (`npm ci --omit=dev`). It serves
// the browser app that the same build put in dist/ and never builds anything itself.
import './env';
import { failed, serve } from './serve';

serve().catch(failed);
