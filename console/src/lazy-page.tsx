import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorSummary, messageOf } from './ui.tsx';

/**
 * A page whose code is fetched the first time it is shown: the console's first load carries the
 * list of nominations, and every other page arrives when opened (then cached for good, its file
 * named by its content).
 */
export const lazyPage = <P extends object>(load: () => Promise<ComponentType<P>>) => {
  let loaded: ComponentType<P> | undefined;
  return (props: P) => {
    const [Page, setPage] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState<string>();
    useEffect(() => {
      if (Page) return;
      load().then(
        (component) => {
          loaded = component;
          setPage(() => component);
        },
        (error: unknown) => setFailed(messageOf(error)),
      );
    }, []);
    if (failed)
      return (
        <ErrorSummary
          problems={[{ message: `This page could not be loaded (${failed}); reload to try again` }]}
        />
      );
    return Page ? (
      <Page {...props} />
    ) : (
      <p class="govuk-body" role="status">
        Loading…
      </p>
    );
  };
};
