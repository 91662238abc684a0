// Member pickers: a search box above each <select class="member-picker">. What the clerk
// types is posted (never put in a URL) to the server, which answers with the organisation's
// official members that match: name, cell and year of birth.
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fill(select, results) {
    var chosen = select.value;
    var keep = chosen ? select.querySelector('option[value="' + CSS.escape(chosen) + '"]') : null;
    select.innerHTML = "";
    var empty = document.createElement("option");
    empty.value = "";
    empty.textContent = results.length ? select.dataset.emptyLabel : select.dataset.noneLabel;
    select.appendChild(empty);
    if (keep) {
      select.appendChild(keep);
    }
    results.forEach(function (result) {
      if (keep && String(result.id) === chosen) {
        return;
      }
      var option = document.createElement("option");
      option.value = result.id;
      option.textContent = result.label;
      select.appendChild(option);
    });
    select.value = chosen;
  }

  function attach(select) {
    select.dataset.emptyLabel = select.options.length ? select.options[0].textContent : "";
    var search = document.createElement("input");
    search.type = "search";
    search.className = "form-control form-control-sm mb-1 member-search";
    search.placeholder = select.dataset.searchLabel;
    search.setAttribute("aria-label", select.dataset.searchLabel);
    search.id = select.id + "_search";
    select.parentNode.insertBefore(search, select);
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new URLSearchParams();
        body.append("organisation", select.dataset.organisation);
        body.append("q", search.value);
        fetch(select.dataset.pickerUrl, {
          method: "POST",
          headers: { "X-CSRFToken": csrfToken(select.form) },
          body: body,
          credentials: "same-origin",
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { fill(select, data.results); });
      }, 250);
    });
  }

  document.querySelectorAll("select.member-picker").forEach(attach);
})();
