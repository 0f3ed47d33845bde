import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A picture at full size over the whole panel: a modal <dialog>, so the browser keeps focus
 * inside it, Escape closes it, and focus goes back to the control that opened it. A click on
 * the backdrop closes it too. Its content is mounted only while it is open.
 */
export function Lightbox({
  open,
  onClose,
  label,
  children,
}: {
  open: boolean;
  onClose(): void;
  label: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="lightbox"
      aria-label={label}
      data-testid="lightbox"
      onClose={onClose}
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="lightbox__bar">
        <strong>{label}</strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {open && <div className="lightbox__body">{children}</div>}
    </dialog>
  );
}
