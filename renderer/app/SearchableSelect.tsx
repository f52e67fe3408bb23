// A select the clerk can search by typing any part of a label (or its code), fully by keyboard:
// arrows move, Enter picks, Esc closes. downshift supplies the ARIA combobox behaviour.
import { useCombobox } from 'downshift';
import { useMemo, useRef, useState } from 'react';

export type Option = { value: string; label: string; group?: string };

type Props = {
  id: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  placeholder?: string;
  invalid?: boolean;
};

const norm = (s: string) => s.toLocaleLowerCase().replace(/ё/g, 'е');

export function SearchableSelect({ id, options, value, onChange, onBlur, placeholder, invalid }: Props) {
  const selected = options.find((o) => o.value === value) ?? null;
  const [query, setQuery] = useState('');
  // When the menu opens under a resting mouse pointer, the browser reports a "move": it must not
  // steal the highlight from the first match of what the clerk is typing.
  const lastKeyAt = useRef(0);
  const items = useMemo(() => {
    const q = norm(query.trim());
    if (!q) return options;
    // Matches at the start of the label come first, then matches anywhere.
    const hits = options.filter((o) => norm(o.label).includes(q) || norm(o.value) === q);
    return [...hits.filter((o) => norm(o.label).startsWith(q)), ...hits.filter((o) => !norm(o.label).startsWith(q))];
  }, [options, query]);

  const combobox = useCombobox<Option>({
    id,
    inputId: id,
    items,
    selectedItem: selected,
    itemToString: (o) => o?.label ?? '',
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
    stateReducer: (state, { type, changes }) => {
      const typing = Date.now() - lastKeyAt.current < 600;
      if (typing && (type === useCombobox.stateChangeTypes.ItemMouseMove || type === useCombobox.stateChangeTypes.MenuMouseLeave)) {
        return { ...changes, highlightedIndex: state.highlightedIndex };
      }
      if (type === useCombobox.stateChangeTypes.InputChange) return { ...changes, highlightedIndex: 0 };
      return changes;
    },
  });

  return (
    <div className="searchable-select">
      <input
        {...combobox.getInputProps({
          onBlur,
          onKeyDown: () => void (lastKeyAt.current = Date.now()),
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
              className={[index === combobox.highlightedIndex ? 'highlighted' : '', item.value === value ? 'selected' : '', item.group && items[index - 1]?.group !== item.group && index > 0 ? 'group-start' : ''].join(' ')}
            >
              {item.label}
            </li>
          ))}
      </ul>
    </div>
  );
}
