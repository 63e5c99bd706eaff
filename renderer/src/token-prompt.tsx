// Opened without the console token (a bookmark, a typed address): say where to find the link.
import { useId, useState } from 'react';
import { rememberToken } from './bridge/index.ts';

export function TokenPrompt() {
  const [token, setToken] = useState('');
  const id = useId();
  return (
    <main className="token-prompt">
      <h1>Ringside</h1>
      <p>Open the console with the link Ringside printed when it started (it carries the console token), or paste the token here.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!token.trim()) return;
          rememberToken(token);
          location.hash = '#/';
          location.reload();
        }}
      >
        <label htmlFor={id}>Console token</label>
        <input id={id} type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} />
        <button type="submit" className="btn primary">
          Open the console
        </button>
      </form>
    </main>
  );
}
