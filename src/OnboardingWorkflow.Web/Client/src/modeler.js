// Entry of the designer bundle (bpmn-modeler.js + bpmn-modeler.css): bpmn-js Modeler with the
// Camunda 7 properties panel, trimmed to what OnboardingWorkflow.Engine runs, in English or zh-CN.
//
// The diagram lives entirely in JavaScript. BPMN XML travels between this module and the server
// over same-origin HTTP (loadFrom / saveTo, with the session cookie), never through the Blazor
// connection: its messages are limited to 32 KB and a real diagram is larger. .NET only sends ids,
// problem lists and URLs, and hears back small events.
//
// API (all exported functions; a Blazor page imports this file as a JS module):
//
//   createModeler(canvasElement, panelElement, { locale }) -> Designer
//       locale "zh-CN" gives Chinese labels for palette, context pad, menus and panel; anything
//       else English. Call once per page; keep the Designer as an IJSObjectReference.
//
//   designer.loadFrom(url) -> Promise<{ outcome, warnings }>
//       GET url (credentials 'same-origin') and import it. outcome: "loaded" | "notFound"
//       (404/403) | "httpError" | "invalidXml" | "stale" (a newer load started). warnings as below.
//   designer.saveTo(url, antiforgeryToken, { method = "PUT", headerName = "RequestVerificationToken", fields })
//       -> Promise<{ outcome, status, problem, result }>
//       Sends the formatted XML with the antiforgery token in the header: as the raw body
//       (application/xml), or, when `fields` is given (e.g. { revision, comment }), as JSON
//       { ...fields, xml } for endpoints such as PUT /api/workflow-drafts/{id}. outcome: "saved"
//       (2xx: result is the JSON answer without its "xml" property, or null) | "rejected"
//       (400/409/412/422: problem is the parsed ProblemDetails body, or null) | "forbidden"
//       (401/403) | "httpError". Marks the diagram clean on "saved".
//   designer.importXml(xml) -> Promise<{ outcome: "loaded" | "invalidXml", warnings: [{ message, elementId }] }>
//   designer.exportXml() -> Promise<string>     formatted BPMN XML
//   designer.markProblems([{ elementId, severity: "error" | "warning", message }]) -> number
//       Replaces earlier markers: a coloured outline and a badge (title = message) per element.
//       Answers how many problems matched an element of the diagram.
//   designer.selectElement(id) -> boolean       selects the element and scrolls it into view
//   designer.onChanged(dotnetRef, methodName = "OnDiagramChanged")
//       After each change (debounced 300 ms) calls dotnetRef.invokeMethodAsync(methodName,
//       { dirty, canUndo, canRedo }). No XML crosses. Pass null to stop.
//   designer.isDirty() -> boolean               changed since the last load or successful save
//   designer.markChanged()                      counts as changed until saved (an imported file)
//   designer.destroy()                          removes the modeler, panel and listeners
//
// The bpmn.io watermark (a.bjs-powered-by) is part of bpmn-js's licence: it stays visible.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './modeler/modeler.css';

import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

import EnginePropertiesProvider from './modeler/engine-properties.js';
import { translateModule } from './modeler/translate.js';

const ProblemBadge = 'owf-problem';
const ChangeDelayMs = 300;
/** A command-stack index no stack reaches: a diagram marked with it is changed until saved. */
const NeverClean = -2;

/** Creates the designer: the canvas in `canvasElement`, the properties panel in `panelElement`. */
export function createModeler(canvasElement, panelElement, options = {}) {
  if (!canvasElement || !panelElement) {
    throw new Error('createModeler needs a canvas element and a panel element.');
  }

  return new Designer(canvasElement, panelElement, options.locale);
}

class Designer {
  constructor(canvasElement, panelElement, locale) {
    this.modeler = new Modeler({
      container: canvasElement,
      propertiesPanel: { parent: panelElement },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
        { __init__: ['enginePropertiesProvider'], enginePropertiesProvider: ['type', EnginePropertiesProvider] },
        translateModule(locale),
      ],
      moddleExtensions: { camunda: camundaModdle },
    });
    this.loadNumber = 0;
    this.cleanStackIndex = -1;
    this.problemMarkers = [];
    this.changeTimer = null;
    this.changeTarget = null;
    this.changeListener = () => this.scheduleChanged();
    this.modeler.on('commandStack.changed', this.changeListener);
  }

  get commandStack() {
    return this.modeler.get('commandStack');
  }

  async loadFrom(url) {
    const number = ++this.loadNumber;
    let xml;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/xml, text/xml' } });
      if (!response.ok) {
        return { outcome: response.status === 404 || response.status === 403 ? 'notFound' : 'httpError', warnings: [] };
      }

      xml = await response.text();
    } catch {
      return { outcome: number === this.loadNumber ? 'httpError' : 'stale', warnings: [] };
    }

    if (number !== this.loadNumber) {
      return { outcome: 'stale', warnings: [] };
    }

    return this.importXml(xml);
  }

  async saveTo(url, antiforgeryToken, { method = 'PUT', headerName = 'RequestVerificationToken', fields } = {}) {
    const xml = await this.exportXml();
    const stackIndex = this.commandStack._stackIdx;
    const headers = { Accept: 'application/json, application/problem+json' };
    headers['Content-Type'] = fields ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8';
    if (antiforgeryToken) {
      headers[headerName] = antiforgeryToken;
    }

    let response;
    try {
      const body = fields ? JSON.stringify({ ...fields, xml }) : xml;
      response = await fetch(url, { method, credentials: 'same-origin', headers, body });
    } catch {
      return { outcome: 'httpError', status: 0, problem: null, result: null };
    }

    if (response.ok) {
      this.cleanStackIndex = stackIndex;
      this.scheduleChanged();
      return { outcome: 'saved', status: response.status, problem: null, result: withoutXml(await jsonOf(response)) };
    }

    if (response.status === 401 || response.status === 403) {
      return { outcome: 'forbidden', status: response.status, problem: null, result: null };
    }

    if ([400, 409, 412, 422].includes(response.status)) {
      return { outcome: 'rejected', status: response.status, problem: await jsonOf(response), result: null };
    }

    return { outcome: 'httpError', status: response.status, problem: null, result: null };
  }

  async importXml(xml) {
    this.clearProblems();
    try {
      const { warnings } = await this.modeler.importXML(xml);
      this.cleanStackIndex = this.commandStack._stackIdx;
      this.modeler.get('canvas').zoom('fit-viewport', 'auto');
      return { outcome: 'loaded', warnings: (warnings || []).map(describeWarning) };
    } catch (error) {
      return { outcome: 'invalidXml', warnings: (error.warnings || []).map(describeWarning).concat([{ message: String(error.message), elementId: null }]) };
    }
  }

  async exportXml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  markProblems(problems) {
    this.clearProblems();
    const registry = this.modeler.get('elementRegistry');
    const canvas = this.modeler.get('canvas');
    const overlays = this.modeler.get('overlays');
    let matched = 0;
    for (const problem of problems || []) {
      const element = problem && problem.elementId ? registry.get(problem.elementId) : null;
      if (!element) {
        continue;
      }

      matched++;
      const severity = problem.severity === 'warning' ? 'warning' : 'error';
      const marker = `owf-problem-${severity}`;
      canvas.addMarker(element, marker);
      const badge = document.createElement('span');
      badge.className = `${ProblemBadge} ${ProblemBadge}-${severity}`;
      badge.textContent = severity === 'error' ? '!' : '?';
      badge.title = String(problem.message ?? '');
      badge.setAttribute('role', 'img');
      badge.setAttribute('aria-label', badge.title);
      const overlayId = overlays.add(element, ProblemBadge, { position: { top: -10, right: 10 }, html: badge });
      this.problemMarkers.push({ element, marker, overlayId });
    }

    return matched;
  }

  clearProblems() {
    const canvas = this.modeler.get('canvas');
    const overlays = this.modeler.get('overlays');
    for (const { element, marker, overlayId } of this.problemMarkers) {
      canvas.removeMarker(element, marker);
      overlays.remove(overlayId);
    }

    this.problemMarkers = [];
  }

  selectElement(id) {
    const element = this.modeler.get('elementRegistry').get(id);
    if (!element) {
      return false;
    }

    this.modeler.get('selection').select(element);
    if (!element.waypoints) {
      this.modeler.get('canvas').scrollToElement(element);
    }

    return true;
  }

  /** Counts the diagram as changed until the next successful save, though no command was done (an imported file). */
  markChanged() {
    this.cleanStackIndex = NeverClean;
    this.scheduleChanged();
  }

  onChanged(dotnetRef, methodName = 'OnDiagramChanged') {
    this.changeTarget = dotnetRef ? { dotnetRef, methodName } : null;
  }

  isDirty() {
    return this.commandStack._stackIdx !== this.cleanStackIndex;
  }

  scheduleChanged() {
    if (!this.changeTarget) {
      return;
    }

    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      const target = this.changeTarget;
      if (target) {
        const state = { dirty: this.isDirty(), canUndo: this.commandStack.canUndo(), canRedo: this.commandStack.canRedo() };
        Promise.resolve(target.dotnetRef.invokeMethodAsync(target.methodName, state)).catch(() => { /* circuit gone */ });
      }
    }, ChangeDelayMs);
  }

  destroy() {
    clearTimeout(this.changeTimer);
    this.changeTarget = null;
    this.modeler.off('commandStack.changed', this.changeListener);
    this.modeler.destroy();
  }
}

function describeWarning(warning) {
  const element = warning && (warning.element || (warning.context && warning.context.element));
  return { message: String((warning && warning.message) ?? warning), elementId: (element && element.id) ?? null };
}

/** The JSON body of a response, or null when it has none; never throws. */
async function jsonOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    return null;
  }

  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The server's answer without the diagram: XML never goes back to .NET through interop. */
function withoutXml(answer) {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    return answer;
  }

  const { xml, Xml, ...rest } = answer;
  return rest;
}
