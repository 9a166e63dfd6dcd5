// The only script Baton's pages need: htmx requests carry the antiforgery token, and a select can submit its form.
document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="baton-antiforgery"]');
    if (meta) event.detail.headers["X-Baton-Antiforgery"] = meta.content;
});
document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change") && target.form) target.form.requestSubmit();
});
