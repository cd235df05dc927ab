// The read-only BPMN diagram behind Components/Bpmn/BpmnDiagram.razor. The viewer lives entirely
// here: the XML is fetched from a same-origin URL with the session cookie (never through the Blazor
// connection, whose messages are limited to 32 KB); .NET only sends element ids and badge texts
// and hears back a load outcome and clicked element ids.
import { NavigatedViewer } from '../lib/bpmn/bpmn-viewer.js';
import { ensureStylesheets } from './stylesheets.js';

const HighlightMarker = 'owf-highlighted';
const BadgeType = 'owf-badge';
/** The marker classes a page may put on elements (Components/Bpmn/DiagramMarker.cs); anything else is ignored. */
const MarkerClasses = ['owf-diff-added', 'owf-diff-removed', 'owf-diff-changed'];
const stylesheets = ['../lib/bpmn/bpmn-viewer.css', '../css/bpmn-diagram.css'];

/** Creates the viewer in `container`; clicks on elements go to `dotNet.OnElementClicked(id)`. */
export function create(container, dotNet) {
  ensureStylesheets(stylesheets);
  return new Diagram(container, dotNet);
}

class Diagram {
  constructor(container, dotNet) {
    this.viewer = new NavigatedViewer({ container });
    this.dotNet = dotNet;
    this.loadNumber = 0;
    this.highlighted = [];
    this.overlays = [];
    this.viewer.on('element.click', (event) => {
      const element = event.element;
      if (element && element !== this.viewer.get('canvas').getRootElement() && !element.labelTarget) {
        this.dotNet.invokeMethodAsync('OnElementClicked', element.id).catch(() => { /* circuit gone */ });
      }
    });
  }

  /**
   * Fetches and shows the diagram. Answers "loaded", "stale" (a newer load started), "notFound"
   * (404/403: missing or not the user's), "httpError" or "invalidXml"; never throws.
   */
  async load(url) {
    const number = ++this.loadNumber;
    let xml;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/xml, text/xml' } });
      if (!response.ok) {
        return response.status === 404 || response.status === 403 ? 'notFound' : 'httpError';
      }

      xml = await response.text();
    } catch {
      return number === this.loadNumber ? 'httpError' : 'stale';
    }

    if (number !== this.loadNumber || !this.viewer) {
      return 'stale';
    }

    try {
      await this.viewer.importXML(xml);
    } catch {
      return 'invalidXml';
    }

    if (number !== this.loadNumber) {
      return 'stale';
    }

    this.viewer.get('canvas').zoom('fit-viewport', 'auto');
    this.applyDecorations();
    return 'loaded';
  }

  /** Replaces the highlight markers and badges; kept so a reload draws them again. */
  decorate(highlighted, overlays, markers) {
    this.highlighted = highlighted ?? [];
    this.overlays = overlays ?? [];
    this.markers = (markers ?? []).filter((m) => MarkerClasses.includes(m.marker));
    this.applyDecorations();
  }

  applyDecorations() {
    const registry = this.viewer.get('elementRegistry');
    const canvas = this.viewer.get('canvas');
    const overlays = this.viewer.get('overlays');
    for (const marker of [HighlightMarker, ...MarkerClasses]) {
      for (const element of registry.filter((e) => canvas.hasMarker(e, marker))) {
        canvas.removeMarker(element, marker);
      }
    }

    overlays.remove({ type: BadgeType });
    for (const id of this.highlighted) {
      if (registry.get(id)) {
        canvas.addMarker(id, HighlightMarker);
      }
    }

    for (const { elementId, marker } of this.markers ?? []) {
      if (registry.get(elementId)) {
        canvas.addMarker(elementId, marker);
      }
    }

    for (const overlay of this.overlays) {
      if (!registry.get(overlay.elementId)) {
        continue;
      }

      const isIncident = overlay.kind === 'incidents';
      const badge = document.createElement('span');
      badge.className = `owf-badge ${isIncident ? 'owf-badge-incidents' : 'owf-badge-tokens'}`;
      badge.textContent = overlay.text;
      overlays.add(overlay.elementId, BadgeType, {
        position: isIncident ? { bottom: 10, right: 10 } : { bottom: 10, left: -10 },
        html: badge,
      });
    }
  }

  dispose() {
    this.loadNumber++;
    this.viewer?.destroy();
    this.viewer = null;
    this.dotNet = null;
  }
}
