// Fills the contact form from the help center's "Still need help?" link.
const params = new window.URLSearchParams(window.location.search);
document.getElementById('subject').value = params.get('subject') ?? '';
document.getElementById('body').value = params.get('body') ?? '';
