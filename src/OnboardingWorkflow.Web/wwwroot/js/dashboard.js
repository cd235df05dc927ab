// Keyboard shortcuts of the task inbox: the page registers a .NET handler; keys typed into fields are ignored.
window.owfShortcuts = {
  register(handler) {
    const listener = (event) => {
      const target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      if (["j", "k", "c", "e", "?"].includes(event.key)) {
        event.preventDefault();
        handler.invokeMethodAsync("OnShortcut", event.key);
      }
    };
    document.addEventListener("keydown", listener);
    return { dispose: () => document.removeEventListener("keydown", listener) };
  },
};
