import { useState } from 'react';
import { StatusMessage } from './Alert';

/** Shows a fresh set of recovery codes, once, with ways to keep them. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  const text = `${codes.join('\n')}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Recovery codes copied.');
    } catch {
      setCopied('Copying is not allowed here; select the codes and copy them by hand.');
    }
  }

  return (
    <div className="recovery-codes" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery codes</h2>
      <p>
        Each code signs you in once if you lose your authenticator. Keep them somewhere safe: they
        are shown only now.
      </p>
      <ul aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          Copy codes
        </button>
        <button type="button" onClick={download}>
          Download codes
        </button>
        <button type="button" onClick={() => window.print()}>
          Print codes
        </button>
      </div>
      <StatusMessage>{copied}</StatusMessage>
    </div>
  );
}
