import * as RadioGroup from '@radix-ui/react-radio-group';
import { useEffect, useRef } from 'react';
import { eventAreas, eventTypeLabel, patternLabel } from '../../lib/event-types';
import { areaChoice, toggleArea, toggleChoice } from '../../lib/webhook-form';
import styles from '../../ui/ui.module.css';
import css from './webhooks.module.css';

/**
 * Which event types an endpoint takes: every one, or those chosen — whole areas (`member.*`, the
 * area's checkbox, mixed while only some of its types are chosen) or single types.
 */
export function EventTypePicker(props: {
  allTypes: boolean;
  types: readonly string[];
  error?: string;
  onChange: (allTypes: boolean, types: string[]) => void;
}) {
  const { allTypes, types, error, onChange } = props;
  return (
    <fieldset className={css.fieldset} aria-describedby="endpoint-types-note">
      <legend className={styles.label}>Event types</legend>
      <RadioGroup.Root
        aria-label="Which event types"
        className={css.options}
        value={allTypes ? 'all' : 'chosen'}
        onValueChange={(value) => onChange(value === 'all', [...types])}
      >
        <Option value="all" id="endpoint-types-all" label="Every event type" />
        <Option value="chosen" id="endpoint-types-chosen" label="Only those chosen" />
      </RadioGroup.Root>
      {allTypes ? null : (
        <div className={css.choices}>
          {eventAreas.map(({ area, types: inArea }) => (
            <div key={area} className={css.area} role="group" aria-labelledby={`area-${area}`}>
              <label className={`${css.check} ${css.areaCheck}`}>
                <AreaCheckbox choice={areaChoice(types, area)} onChange={(on) => onChange(false, toggleArea(types, area, on))} />
                <span id={`area-${area}`}>
                  {patternLabel(`${area}.*`)} ({area}.*)
                </span>
              </label>
              <div className={css.checks}>
                {inArea.map((type) => (
                  <label key={type} className={css.check}>
                    <input type="checkbox" checked={types.includes(type)} onChange={(e) => onChange(false, toggleChoice(types, type, e.target.checked))} />
                    {eventTypeLabel(type)}
                  </label>
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
      <span id="endpoint-types-note" className={error ? styles.fieldError : styles.hint}>
        {error ?? 'A whole area sends each of its types, e.g. every member event: created, updated, deactivated, reactivated, deleted.'}
      </span>
    </fieldset>
  );
}

/** A radio of the picker's two-way choice (Radix, as Add New's group type). */
export function Option({ value, id, label }: { value: string; id: string; label: string }) {
  return (
    <span className={css.option}>
      <RadioGroup.Item value={value} id={id} className={styles.radio}>
        <RadioGroup.Indicator className={styles.radioDot} />
      </RadioGroup.Item>
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

/** A native checkbox that can show "some" (indeterminate, announced as mixed). */
function AreaCheckbox({ choice, onChange }: { choice: 'all' | 'some' | 'none'; onChange: (on: boolean) => void }) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = choice === 'some';
  }, [choice]);
  return <input ref={box} type="checkbox" checked={choice === 'all'} onChange={(e) => onChange(e.target.checked)} />;
}
