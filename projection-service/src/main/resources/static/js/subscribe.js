// "Subscribe to updates": sends the address to notification-service as the JSON its public endpoint
// takes ({"channel":"email","target":...}); a plain form cannot send JSON. The page's
// Content-Security-Policy allows this file (script-src 'self') and the call (connect-src <that origin>).
(function () {
  'use strict';
  var form = document.querySelector('form.subscribe-form');
  if (!form || !window.fetch) {
    return;
  }
  var input = form.querySelector('input[type=email]');
  var button = form.querySelector('button');
  var result = form.querySelector('.subscribe-result');

  function show(text, outcome) {
    result.textContent = text;
    result.className = 'subscribe-result ' + outcome;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var address = input.value.trim();
    button.disabled = true;
    show('Subscribing…', 'pending');
    fetch(form.getAttribute('data-endpoint'), {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json'},
      body: JSON.stringify({channel: 'email', target: address})
    }).then(function (response) {
      if (response.status === 202 || response.status === 201) {
        form.reset();
        show('Check your inbox: we sent a confirmation link to ' + address
          + '. Updates start once you follow it.', 'success');
        return;
      }
      if (response.status === 429) {
        show('Too many attempts from your network. Please try again in a minute.', 'failure');
        return;
      }
      return response.json().catch(function () { return {}; }).then(function (problem) {
        if (problem.field === 'target') {
          show('That does not look like an email address we can write to. Please check it.', 'failure');
          return;
        }
        show('Could not subscribe: ' + (problem.detail || 'the subscription service answered ' + response.status)
          + '.', 'failure');
      });
    }, function () {
      show('The subscription service could not be reached. Please try again later.', 'failure');
    }).then(function () {
      button.disabled = false;
    });
  });
}());
