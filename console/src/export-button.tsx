import { useState } from 'preact/hooks';
import type { Api } from './api.ts';

/** Downloads the program's CSV with the person's token; shown only where the route exists. */
export const ExportButton = (props: { api: Api; programId: string }) => {
  const [message, setMessage] = useState<string>();
  const download = async () => {
    setMessage('Preparing the download…');
    const response = await props.api.fetch(
      `/programs/${encodeURIComponent(props.programId)}/nominations.csv`,
    );
    if (!response.ok) return setMessage(`The export failed (${response.status}).`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `${props.programId}-nominations.csv`;
    link.click();
    URL.revokeObjectURL(url);
    setMessage('Downloaded.');
  };
  return (
    <p class="govuk-body">
      <button type="button" class="govuk-button govuk-button--secondary" onClick={() => void download()}>
        Download as CSV
      </button>
      {message && <span role="status"> {message}</span>}
    </p>
  );
};
