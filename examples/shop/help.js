// The help page's language buttons: the widget's `lang` picks both its texts and the articles'.
const faq = document.getElementById('faq');
const saved = new window.URLSearchParams(window.location.search).get('lang');
if (saved) faq.setAttribute('lang', saved);
for (const button of document.querySelectorAll('button[data-lang]')) {
  button.setAttribute('aria-pressed', String(button.dataset.lang === faq.getAttribute('lang')));
  button.addEventListener('click', () => {
    faq.setAttribute('lang', button.dataset.lang);
    for (const other of document.querySelectorAll('button[data-lang]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
  });
}
