//! The error line of a form: the translated text of the error's code.

import type { AppError } from "../platform/contract";
import { errorText, useT } from "../i18n/I18n";

export function FormError({ error }: { error: AppError | null }) {
  const i18n = useT();
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid="form-error" data-code={error.code}>
      {errorText(i18n, error)}
    </p>
  );
}
