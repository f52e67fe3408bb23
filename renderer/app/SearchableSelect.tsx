// A select the clerk can search by typing any part of a label (or its code), fully by keyboard:
// arrows move, Enter picks, Esc closes. downshift supplies the ARIA combobox behaviour.
import { useCombobox } from 'downshift';
import { useMemo, useState } from 'react';
import { normalise } from '../../shared/imports/columns';

/** `keywords`: other names the option is found by (a country's other-language and colloquial names). */
export type Option = { value: string; label: string; group?: string; keywords?: string };

type Props = {
  id: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  placeholder?: string;
  invalid?: boolean;
};

// As an imported file's values are matched: case, ё/е and the kind of apostrophe (O'zbek finds Oʻzbekiston) do not matter.
const norm = normalise;

export function SearchableSelect({ id, options, value, onChange, onBlur, placeholder, invalid }: Props) {
  const selected = options.find((o) => o.value === value) ?? null;
  const [query, setQuery] = useState('');

  const items = useMemo(() => {
    const q = norm(query.trim());
    if (!q) return options;
    // Matches at the start of the label come first, then matches anywhere.
    const hits = options.filter(
      (o) => norm(o.label).includes(q) || norm(o.value) === q || (o.keywords !== undefined && norm(o.keywords).includes(q)),
    );
    return [...hits.filter((o) => norm(o.label).startsWith(q)), ...hits.filter((o) => !norm(o.label).startsWith(q))];
  }, [options, query]);

  const combobox = useCombobox<Option>({
    id,
    inputId: id,
    items,
    selectedItem: selected,
    itemToString: (o) => o?.label ?? '',
    // Compare by value: options rebuilt on a re-render must not count as a new choice, which would
    // put the old label back into the input under the clerk's typing.
    itemToKey: (o) => o?.value ?? null,
    onInputValueChange: ({ inputValue, type }) => {
      if (type !== useCombobox.stateChangeTypes.InputChange) return;
      setQuery(inputValue ?? '');
      if (!inputValue && value) onChange(''); // clearing the text clears an optional choice
    },
    onSelectedItemChange: ({ selectedItem }) => {
      setQuery('');
      onChange(selectedItem?.value ?? '');
    },
    onIsOpenChange: ({ isOpen }) => {
      if (!isOpen) setQuery('');
    },
    defaultHighlightedIndex: 0,
    // Typing always highlights the first match, so Enter picks what the clerk sees on top.
    stateReducer: (_state, { type, changes }) =>
      type === useCombobox.stateChangeTypes.InputChange ? { ...changes, highlightedIndex: 0 } : changes,
  });

  return (
    <div className="searchable-select">
      <input
        {...combobox.getInputProps({
          onBlur,
          // Enter hands the choice to the form in the same key event: downshift tells its
          // onSelectedItemChange only in an effect after the menu closes, and a clerk's Tab that
          // fast landed in fields drawn for the previous choice (the event form's kind).
          onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => {
            const item = combobox.isOpen && combobox.highlightedIndex >= 0 ? items[combobox.highlightedIndex] : undefined;
            if (e.key === 'Enter' && item && item.value !== value) onChange(item.value);
          },
          // Typing into a filled select replaces its choice rather than appending to the label.
          onFocus: (e: React.FocusEvent<HTMLInputElement>) => e.currentTarget.select(),
          placeholder,
          'aria-invalid': invalid || undefined,
          autoComplete: 'off',
          spellCheck: false,
        })}
      />
      <ul {...combobox.getMenuProps()} className={combobox.isOpen && items.length ? 'options open' : 'options'}>
        {combobox.isOpen &&
          items.map((item, index) => (
            <li
              key={item.value}
              {...combobox.getItemProps({ item, index })}
              className={[
                index === combobox.highlightedIndex ? 'highlighted' : '',
                item.value === value ? 'selected' : '',
                item.group && items[index - 1]?.group !== item.group && index > 0 ? 'group-start' : '',
              ].join(' ')}
            >
              {item.label}
            </li>
          ))}
      </ul>
    </div>
  );
}
