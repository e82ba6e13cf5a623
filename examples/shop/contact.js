// Prefills the ticket form from the help center's "Still need help?" link.
const params = new window.URLSearchParams(window.location.search);
const form = document.getElementById('ticket');
for (const name of ['subject', 'body']) {
  const value = params.get(name);
  if (value) form.setAttribute(name, value);
}
