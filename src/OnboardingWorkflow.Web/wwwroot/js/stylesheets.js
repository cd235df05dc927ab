// Stylesheets a script needs, linked into the page once, whichever page loads the script first.
// Paths are relative to this folder.

/** Adds a <link rel="stylesheet"> for each path the page does not link yet. */
export function ensureStylesheets(paths) {
  for (const path of paths) {
    const href = new URL(path, import.meta.url).href;
    if (!document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      document.head.appendChild(link);
    }
  }
}
