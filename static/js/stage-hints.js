// Hints on a stage's form, before the clerk sends it: the candidate's age on the vote date,
// and whether the awareness-course certificate will still be valid when the cell is likely
// to vote. The server checks the rules again when the form is sent.
(function () {
  "use strict";

  var hint = document.getElementById("stage-hint");
  var input = document.getElementById("id_date");
  if (!hint || !input) {
    return;
  }

  function parse(text) {
    var match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
    if (!match) {
      return null;
    }
    var day = new Date(Number(match[3]), Number(match[2]) - 1, Number(match[1]));
    return day.getDate() === Number(match[1]) ? day : null;
  }

  function show(day) {
    return [day.getDate(), day.getMonth() + 1].map(function (n) {
      return String(n).padStart(2, "0");
    }).concat([day.getFullYear()]).join("/");
  }

  // The same-numbered day ``months`` later, or the month's last day (Civil Code, art. 147-148).
  function addMonths(day, months) {
    var first = new Date(day.getFullYear(), day.getMonth() + months, 1);
    var last = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
    return new Date(first.getFullYear(), first.getMonth(), Math.min(day.getDate(), last));
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function update() {
    var day = parse(input.value);
    hint.hidden = true;
    if (!day) {
      return;
    }
    if (hint.dataset.born) {
      var born = new Date(hint.dataset.born + "T00:00:00");
      var months = (day.getFullYear() - born.getFullYear()) * 12 + day.getMonth() - born.getMonth();
      if (day.getDate() < born.getDate()) {
        months -= 1;
      }
      hint.textContent = fill(hint.dataset.ageText, {
        years: Math.floor(months / 12),
        months: months % 12,
      });
      hint.hidden = false;
    } else if (hint.dataset.validMonths) {
      var until = addMonths(day, Number(hint.dataset.validMonths));
      var today = new Date(hint.dataset.today + "T00:00:00");
      var likely = new Date(today.getTime() + Number(hint.dataset.likelyDays) * 86400000);
      if (likely > until) {
        hint.textContent = fill(hint.dataset.expiryText, { until: show(until), likely: show(likely) });
        hint.hidden = false;
      }
    }
  }

  input.addEventListener("input", update);
  update();
})();
