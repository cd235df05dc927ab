// The designer page's side of the browser (Pages/Workflows/DesignerPage.razor): the bpmn-js
// modeler from the committed bundle, plus what only the browser can do with files. A diagram is
// kept here and travels to and from the server over HTTP (the drafts API); the Blazor connection
// carries ids, small answers and problem lists only, because its messages are limited to 32 KB.
import { createModeler } from '../lib/bpmn/bpmn-modeler.js';
import { ensureStylesheets } from './stylesheets.js';

const stylesheets = ['../lib/bpmn/bpmn-modeler.css', '../css/bpmn-diagram.css'];

/** The largest file the import accepts, in bytes: the drafts API's own bound. */
const MaxFileBytes = 2 * 1024 * 1024;

/** Creates the designer in the two containers; see Client/src/modeler.js for its methods. */
export function create(canvas, panel, locale) {
  ensureStylesheets(stylesheets);
  return createModeler(canvas, panel, { locale });
}

/**
 * Imports the file chosen in `input` (a file input) into the designer. Answers
 * { outcome: "loaded" | "invalidXml" | "noFile" | "tooLarge" | "unreadable", warnings }; the
 * diagram is then changed (dirty) until the page saves it. The input is cleared, so choosing the
 * same file again imports it again.
 */
export async function importFile(designer, input) {
  const file = input && input.files && input.files[0];
  if (!file) {
    return { outcome: 'noFile', warnings: [] };
  }

  input.value = '';
  if (file.size > MaxFileBytes) {
    return { outcome: 'tooLarge', warnings: [] };
  }

  let xml;
  try {
    xml = await file.text();
  } catch {
    return { outcome: 'unreadable', warnings: [] };
  }

  const before = designer.isDirty();
  const result = await designer.importXml(xml);
  if (result.outcome === 'loaded') {
    // An imported file replaces the saved diagram: it is a change until saved.
    designer.markChanged();
  } else if (!before) {
    designer.scheduleChanged();
  }

  return result;
}

/** Offers the current diagram as a file download named `fileName`. */
export async function download(designer, fileName) {
  const xml = await designer.exportXml();
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Starts a draft from a .bpmn file chosen in `input`: the file goes straight to the drafts API
 * (POST, JSON { xml, comment }). Answers { status, body } with the answer's JSON as text (the new
 * draft without its XML, or a problem), or status 0 when nothing could be sent.
 */
export async function createDraftFromFile(input, url, comment) {
  const file = input && input.files && input.files[0];
  if (!file) {
    return { status: 0, body: null };
  }

  input.value = '';
  if (file.size > MaxFileBytes) {
    return { status: 413, body: null };
  }

  let response;
  try {
    const xml = await file.text();
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
      body: JSON.stringify({ xml, comment: comment || null }),
    });
  } catch {
    return { status: 0, body: null };
  }

  const text = await response.text();
  if (!text) {
    return { status: response.status, body: null };
  }

  try {
    const answer = JSON.parse(text);
    if (answer && typeof answer === 'object') {
      delete answer.xml;
    }

    return { status: response.status, body: JSON.stringify(answer) };
  } catch {
    return { status: response.status, body: null };
  }
}

/** Whether the diagram has changes not yet saved: asked before leaving the page. */
export function isDirty(designer) {
  return designer.isDirty();
}

/** Warns before the tab is closed or reloaded with unsaved changes; returns a handle to stop. */
export function guardUnload(designer) {
  const handler = (event) => {
    if (designer.isDirty()) {
      event.preventDefault();
      event.returnValue = '';
    }
  };
  window.addEventListener('beforeunload', handler);
  return { stop: () => window.removeEventListener('beforeunload', handler) };
}
