// Drives the designer bundle (wwwroot/lib/bpmn/bpmn-modeler.js) as the designer page will, with a
// stand-in for the .NET object. Query: xml (URL to load), locale.
import { createModeler } from '/_content/OnboardingWorkflow.Web/lib/bpmn/bpmn-modeler.js';

const query = new URLSearchParams(location.search);
const designer = createModeler(document.getElementById('canvas'), document.getElementById('panel'), { locale: query.get('locale') ?? 'en' });
const changes = [];
designer.onChanged({ invokeMethodAsync: (method, state) => { changes.push({ method, ...state }); return Promise.resolve(); } });
window.designer = designer;
window.designerChanges = changes;

/** A page point inside a lane where a 100 x 80 task overlaps no shape, label or flow; null if none. */
window.freeSpotInLane = () => {
  const { modeler } = designer;
  const registry = modeler.get('elementRegistry');
  const viewbox = modeler.get('canvas').viewbox();
  const box = modeler.get('canvas').getContainer().getBoundingClientRect();
  const palette = document.querySelector('.djs-palette').getBoundingClientRect();
  const lane = registry.filter(e => e.type === 'bpmn:Lane')[0];
  const others = registry.filter(e => e.type !== 'bpmn:Lane' && e.type !== 'bpmn:Participant' && e.type !== 'bpmn:Process' && e.type !== 'bpmn:Collaboration');
  const overlaps = (x, y) => others.some(e => {
    const points = e.waypoints ?? [{ x: e.x, y: e.y }, { x: e.x + e.width, y: e.y + e.height }];
    const minX = Math.min(...points.map(p => p.x)), maxX = Math.max(...points.map(p => p.x));
    const minY = Math.min(...points.map(p => p.y)), maxY = Math.max(...points.map(p => p.y));
    return minX < x + 70 && maxX > x - 70 && minY < y + 60 && maxY > y - 60;
  });
  for (let y = lane.y + 60; y < lane.y + lane.height - 60; y += 20) {
    for (let x = lane.x + 120; x < lane.x + lane.width - 70; x += 20) {
      const pageX = (x - viewbox.x) * viewbox.scale + box.left, pageY = (y - viewbox.y) * viewbox.scale + box.top;
      if (!overlaps(x, y) && pageX > palette.right + 80 && pageX < box.right - 200 && pageY > box.top && pageY < box.bottom - 40) {
        return { x: pageX, y: pageY };
      }
    }
  }

  return null;
};

/** True when the centre of the bpmn.io watermark is the watermark itself (nothing lies over it). */
window.watermarkUncovered = () => {
  const link = document.querySelector('a.bjs-powered-by');
  const r = link.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return top !== null && link.contains(top);
};

const result = await designer.loadFrom(query.get('xml'));
window.loadResult = result;
document.body.dataset.outcome = result.outcome;
