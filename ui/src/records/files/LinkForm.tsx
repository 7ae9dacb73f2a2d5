//! Adding a link (Dropbox, an e-mail attachment by reference): a name and an address; it
//! uses no file storage.

import { useState } from "react";
import { usePlatform, useToast } from "../../app/context";
import { toAppError } from "../../platform/types";
import { errorText, useT } from "../../i18n/I18n";

export function LinkForm(props: { record: string; onAdded(): void; onCancel(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string | null>(null);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await platform.invoke("add_link", { record: props.record, name, url });
      toast({ text: t("files.linkAdded", { name: name.trim() || url.trim() }) });
      props.onAdded();
    } catch (err) {
      setError(errorText(i18n, toAppError(err)));
    }
  };

  return (
    <form className="inline-form link-form" onSubmit={add} data-testid="link-form">
      <input aria-label={t("files.linkUrl")} placeholder={t("files.linkUrl")} value={url} onChange={(e) => setUrl(e.target.value)} data-testid="link-url" />
      <input aria-label={t("files.linkName")} placeholder={t("files.linkName")} value={name} onChange={(e) => setName(e.target.value)} data-testid="link-name" />
      <p className="muted">{t("files.linkHint")}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="button" className="btn ghost" onClick={props.onCancel}>
          {t("common.cancel")}
        </button>
        <button type="submit" className="btn" disabled={!url.trim()} data-testid="link-add">
          {t("files.addLink")}
        </button>
      </div>
    </form>
  );
}
