// Sends a document form to the documents API with fetch, so the file travels over HTTP and never
// through the Blazor connection. The sign-in cookie goes with it (same origin only: it is
// SameSite=Strict, so no other site can make a browser send it). Returns the status and the
// answer's JSON (the document, or a problem with its code and field errors) as text.
export async function upload(form, url) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
    });
  } catch {
    return { status: 0, body: null };
  }

  const body = await response.text();
  if (response.ok) {
    form.reset();
  }

  return { status: response.status, body: body || null };
}
