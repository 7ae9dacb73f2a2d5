//! The search box, owner and city filters, and saved filters of a list.

import { type RefObject } from "react";
import { useDraft } from "../app/useDraft";
import type { Kind } from "../platform/contract";
import { toAppError } from "../platform/types";
import { useSession, useToast } from "../app/context";
import { errorText, useT } from "../i18n/I18n";
import { SavedFilters } from "./SavedFilters";

export interface FilterState {
  text: string | null;
  owner: string | null;
  city: string | null;
}

export function FilterBar(props: {
  kind: Kind;
  searchRef: RefObject<HTMLInputElement | null>;
  typed: string;
  setTyped(s: string): void;
  state: FilterState;
  setState(s: FilterState): void;
  filters: { owner?: boolean; city?: boolean; saved?: boolean };
}) {
  const i18n = useT();
  const { t } = i18n;
  const { users } = useSession();
  const [city, setCity] = useDraft(() => props.state.city ?? "", props.state.city ?? "");
  const active = !!(props.state.owner || props.state.city || props.state.text);
  return (
    <div className="toolbar" role="search">
      <input
        ref={props.searchRef}
        type="search"
        className="search"
        data-testid="list-search"
        placeholder={t("list.search")}
        title={`${t("list.search")} (/)`}
        aria-label={t("list.search")}
        value={props.typed}
        onChange={(e) => props.setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            document.querySelector<HTMLElement>("[data-testid=list-scroller]")?.focus();
          }
        }}
      />
      {props.filters.owner && (
        <select
          aria-label={t("list.owner")}
          data-testid="filter-owner"
          value={props.state.owner ?? ""}
          onChange={(e) => props.setState({ ...props.state, owner: e.target.value || null })}
        >
          <option value="">{t("list.anyOwner")}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      )}
      {props.filters.city && (
        <input
          className="city"
          aria-label={t("list.city")}
          data-testid="filter-city"
          placeholder={t("list.anyCity")}
          value={city}
          onChange={(e) => setCity(e.target.value)}
          onBlur={() => props.setState({ ...props.state, city: city.trim() || null })}
          onKeyDown={(e) => e.key === "Enter" && props.setState({ ...props.state, city: city.trim() || null })}
        />
      )}
      {active && (
        <button type="button" className="btn ghost" onClick={() => props.setState({ text: null, owner: null, city: null })}>
          {t("list.clearFilters")}
        </button>
      )}
      {/* What is typed counts even before the search debounce has passed. */}
      {props.filters.saved && <SavedFilters kind={props.kind} state={{ ...props.state, text: props.typed.trim() ? props.typed : null }} apply={props.setState} />}
    </div>
  );
}

export function useFailToast() {
  const i18n = useT();
  const toast = useToast();
  return (e: unknown) => toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
}

