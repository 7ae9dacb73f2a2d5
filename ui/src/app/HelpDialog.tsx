//! The keyboard shortcuts (`?`).

import { useT, type MsgKey } from "../i18n/I18n";
import { Dialog } from "../ui/Dialog";

const ROWS: [string, MsgKey][] = [
  ["Ctrl/⌘ K", "help.palette"],
  ["g p · g c · g d · g t · g s · g b · g u", "help.goto"],
  ["Alt 1…7", "help.gotoAlt"],
  ["n", "help.new"],
  ["/", "help.search"],
  ["↑ ↓", "help.rows"],
  ["Enter", "help.open"],
  ["Space · Shift+klik", "help.select"],
  ["Shift ← →", "help.moveCard"],
  ["Esc", "help.esc"],
  ["?", "help.help"],
];

export function HelpDialog({ onClose }: { onClose(): void }) {
  const { t, lang } = useT();
  return (
    <Dialog title={t("help.title")} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {ROWS.map(([keys, label]) => (
            <tr key={label}>
              <td>
                <kbd>{lang === "en" ? keys.replace("klik", "click") : keys}</kbd>
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
