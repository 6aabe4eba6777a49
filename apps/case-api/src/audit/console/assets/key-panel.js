/** The API key panel: the auditor's key, kept for this tab only, replaced or forgotten. */
import { forgetKey, storeKey, storedKey } from './api-client.js';
import { one, say } from './dom.js';

function showKeyState() {
  const hasKey = Boolean(storedKey());
  one('#key-state').textContent = hasKey
    ? 'A key is set for this tab (sessionStorage). Enter another to replace it.'
    : 'Enter an auditor API key first. It is kept in this tab only (sessionStorage) and sent as Authorization: Bearer.';
  one('#forget-key').hidden = !hasKey;
}

export function wireKeyPanel() {
  one('#key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    storeKey(one('#api-key').value.trim());
    one('#api-key').value = '';
    showKeyState();
    say('Key set for this tab.');
    one('#application-id').focus();
  });
  one('#forget-key').addEventListener('click', () => {
    forgetKey();
    showKeyState();
    say('Key forgotten.');
    one('#api-key').focus();
  });
  showKeyState();
}
