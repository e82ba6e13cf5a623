// The shop's own page script: it knows who is signed in (from its server) and tells the CRM.

const who = document.getElementById('who');
const login = document.getElementById('login');
const logout = document.getElementById('logout');

// Each buy form gets a key when the page loads, so submitting twice records one order.
for (const input of document.querySelectorAll('input[name="orderKey"]')) {
  input.value = crypto.randomUUID();
}

const res = await fetch('/shop/session', { credentials: 'same-origin' });
const session = await res.json();
if (session.customer) {
  who.textContent = `Signed in as ${session.customer.name}`;
  if (logout) logout.hidden = false;
  await window.crm?.identify(session.identityToken);
} else if (login) {
  login.hidden = false;
}

logout?.addEventListener('submit', async (event) => {
  event.preventDefault();
  // Forget the CRM visitor first, so the next shopper on this browser starts clean.
  await window.crm?.logout();
  logout.submit();
});
