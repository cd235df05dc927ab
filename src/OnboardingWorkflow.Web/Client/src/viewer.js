// Entry of the read-only diagram bundle (bpmn-viewer.js + bpmn-viewer.css): zoom and pan, no editing.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';

export { default as NavigatedViewer } from 'bpmn-js/lib/NavigatedViewer';
