// The seminar's screens, loaded on demand from main.ts.
export { renderSeminarNew } from './create';
export { renderConsole } from './console';
export { renderClassJoin } from './class-join';
export { renderProjector } from './projector';
export { renderDebrief } from './debrief';
