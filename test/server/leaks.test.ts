// What reaches each socket, on one server (the checks are in leak-suite.ts).
import { startServer } from './harness';
import { leakSuite } from './leak-suite';

leakSuite(() => startServer());
