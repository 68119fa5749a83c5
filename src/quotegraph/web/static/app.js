// Article page: selecting a quote in the text or in the list shows the other side.
"use strict";
(function () {
  const text = document.getElementById("article-text");
  if (!text) return;
  const cards = Array.from(document.querySelectorAll(".card[data-quote]"));

  function select(index, scrollText) {
    document.querySelectorAll(".selected").forEach((el) => el.classList.remove("selected"));
    const spans = text.querySelectorAll('[data-quote="' + index + '"]');
    spans.forEach((el) => el.classList.add("selected"));
    const card = cards.find((el) => el.dataset.quote === String(index));
    if (card) {
      card.classList.add("selected");
      card.scrollIntoView({ block: "nearest" });
    }
    if (scrollText && spans.length) spans[0].scrollIntoView({ block: "center" });
  }

  text.addEventListener("click", (event) => {
    const span = event.target.closest("[data-quote]");
    if (span) select(span.dataset.quote, false);
  });
  cards.forEach((card) => {
    card.addEventListener("click", (event) => {
      if (event.target.closest("form")) return;
      select(card.dataset.quote, true);
    });
    card.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target === card) select(card.dataset.quote, true);
    });
  });

  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) {
    const card = document.getElementById(wanted);
    if (card && card.dataset.quote !== undefined) select(card.dataset.quote, true);
  }
})();
