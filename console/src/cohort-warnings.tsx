import type { CohortWarning } from './cohort-view.ts';
import { Link, type Navigate } from './ui.tsx';

/** A warning names at most this many nominations; the rest are counted. */
const namedAtMost = 8;

/** The GOV.UK warning text, with a link to each nomination it is about. */
const Warning = (props: { warning: CohortWarning; names: Map<string, string>; navigate: Navigate }) => {
  const ids = props.warning.nominationIds;
  const more = ids.length - namedAtMost;
  return (
    <li class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning: </span>
        {props.warning.message}
        {ids.length > 0 && (
          <ul class="app-inline-list">
            {ids.slice(0, namedAtMost).map((id) => (
              <li key={id}>
                <Link href={`/staff/nominations/${id}`} navigate={props.navigate}>
                  {props.names.get(id) ?? id}
                </Link>
              </li>
            ))}
            {more > 0 && <li>and {more} more</li>}
          </ul>
        )}
      </div>
    </li>
  );
};

/** What the cohort should be warned of: GOV.UK warning texts, or a line saying there is none. */
export const Warnings = (props: {
  warnings: CohortWarning[];
  names: Map<string, string>;
  navigate: Navigate;
  empty?: string;
}) =>
  props.warnings.length === 0 ? (
    <p class="govuk-body">{props.empty ?? 'Nothing to warn of.'}</p>
  ) : (
    <ul class="govuk-list app-warnings">
      {props.warnings.map((w) => (
        <Warning key={`${w.code}-${w.message}`} warning={w} names={props.names} navigate={props.navigate} />
      ))}
    </ul>
  );
