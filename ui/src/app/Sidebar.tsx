//! The left navigation with the sync indicator at the bottom.

import { useT, type MsgKey } from "../i18n/I18n";
import type { SyncStatus } from "../platform/contract";
import { SECTIONS, navigate, type Section } from "./router";
import { SyncIndicator } from "./SyncIndicator";
import { GOTO_KEYS } from "./shortcuts";

const ICONS: Record<Section, string> = {
  people: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0",
  companies: "M4 20V6l8-3v17M12 9h8v11M7 9h2M7 13h2M7 17h2M15 13h2M15 17h2",
  deals: "M4 5h16l-6 7v6l-4 2v-8L4 5Z",
  tasks: "M9 11l3 3 8-8M20 12v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h11",
  spaces: "M3 7l9-4 9 4-9 4-9-4Zm0 5l9 4 9-4M3 17l9 4 9-4",
  dashboard: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  settings: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7 7 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7 7 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7 7 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7 7 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2Z",
};

export function Sidebar(props: { current: Section; status: SyncStatus; onSync(): void; onSearch(): void; onHelp(): void }) {
  const { t } = useT();
  return (
    <nav className="sidebar" aria-label="Localspace">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">L</span>
        <span>{t("app.name")}</span>
      </div>
      <button type="button" className="search-btn" onClick={props.onSearch} title={`${t("nav.search")} (Ctrl+K)`} data-testid="open-palette">
        <span>{t("nav.search")}</span>
        <kbd>Ctrl K</kbd>
      </button>
      <ul className="nav-list">
        {SECTIONS.map((s, i) => (
          <li key={s}>
            <a
              href={`#/${s}`}
              className={props.current === s ? "active" : undefined}
              aria-current={props.current === s ? "page" : undefined}
              data-testid={`nav-${s}`}
              title={`${t(`nav.${s}` as MsgKey)} (g ${GOTO_KEYS[s]} · Alt+${i + 1})`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/${s}`);
              }}
            >
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <path d={ICONS[s]} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              <span>{t(`nav.${s}` as MsgKey)}</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <button type="button" className="link-btn muted" onClick={props.onHelp} title="?">
          {t("nav.shortcuts")} <kbd>?</kbd>
        </button>
        <SyncIndicator status={props.status} onClick={props.onSync} />
      </div>
    </nav>
  );
}
