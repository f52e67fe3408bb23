import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An action that asks first, in the page (keyboard: the confirm button takes focus, Esc backs out):
 * a destructive one (deleting), or one that locks work (`danger={false}`: approving a period).
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  danger = true,
}: {
  label: string;
  question: string;
  onConfirm: () => void;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'secondary danger' : undefined} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="alertdialog" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      <span>{question}</span>
      <button
        type="button"
        autoFocus
        className={danger ? 'danger' : undefined}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {label}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
