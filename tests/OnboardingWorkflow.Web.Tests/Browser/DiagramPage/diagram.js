// Drives wwwroot/js/bpmn-diagram.js as BpmnDiagram.razor does, with a stand-in for the .NET object.
import { create } from '/_content/OnboardingWorkflow.Web/js/bpmn-diagram.js';

const clicks = [];
const dotNet = { invokeMethodAsync: (method, id) => { clicks.push(`${method}:${id}`); return Promise.resolve(); } };
const view = create(document.getElementById('canvas'), dotNet);
window.diagramClicks = clicks;
window.diagramView = view;
view.decorate(['collectDocuments'], [
  { elementId: 'collectDocuments', text: '2', kind: 'tokens' },
  { elementId: 'reviewDocuments', text: '1', kind: 'incidents' },
  { elementId: 'noSuchElement', text: '9', kind: 'tokens' },
]);
const outcome = await view.load(new URLSearchParams(location.search).get('xml'));
document.body.dataset.outcome = outcome;
