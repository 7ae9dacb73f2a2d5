// Accounts through the forms: sign up, sign out, sign in.

import { byTest, check, click, keychainHasToken, shot, type, waitFor, waitForSync, TIMEOUT } from "../lib/app.mjs";

/** From the sign-in screen of a fresh app: a new company account through the sign-up form. */
export async function signUp(browser, account) {
  const email = await byTest(browser, "signin-email");
  await email.waitForDisplayed({ timeout: TIMEOUT });
  await shot(browser, "01-sign-in");
  await click(browser, "goto-signup");
  await type(browser, "signup-company", account.company);
  await type(browser, "signup-name", account.name);
  await type(browser, "signup-email", account.email);
  await type(browser, "signup-password", "krotkie1");
  await click(browser, "signup-submit");
  const error = await byTest(browser, "form-error");
  await error.waitForDisplayed({ timeout: TIMEOUT });
  check((await error.getText()).length > 0, "a weak password is refused with a clear error");
  await shot(browser, "02-sign-up");
  await type(browser, "signup-password", account.password);
  await click(browser, "signup-submit");
  await (await byTest(browser, "nav-people")).waitForDisplayed({ timeout: TIMEOUT });
  await waitForSync(browser, "synced", "the first sync of the new account");
  check(keychainHasToken(), "signing up keeps the session token in the OS keychain");
}

/** Settings → sign out (confirming when edits wait); ends on the sign-in form. */
export async function signOut(browser) {
  await click(browser, "nav-settings");
  await click(browser, "settings-tab-profile");
  await click(browser, "signout");
  const confirm = await byTest(browser, "signout-confirm");
  const form = await byTest(browser, "signin-email");
  await waitFor(browser, "the sign-in form (or the confirmation)", async () => (await form.isExisting()) || (await confirm.isExisting()));
  if (await confirm.isExisting()) await confirm.click();
  await form.waitForDisplayed({ timeout: TIMEOUT });
  check(!keychainHasToken(), "sign-out removes the token from the keychain");
}

/** The sign-in form: a wrong password first (a clear error), then the right one. */
export async function signIn(browser, email, password) {
  await type(browser, "signin-email", email);
  await type(browser, "signin-password", "wrong-password-1");
  await click(browser, "signin-submit");
  const error = await byTest(browser, "form-error");
  await error.waitForDisplayed({ timeout: TIMEOUT });
  check((await error.getText()).length > 0, "a wrong password gives a clear error");
  await type(browser, "signin-password", password);
  await click(browser, "signin-submit");
  await (await byTest(browser, "nav-people")).waitForDisplayed({ timeout: TIMEOUT });
  await waitForSync(browser, "synced", "the first sync after signing in");
  check(keychainHasToken(), "signing in keeps the session token in the OS keychain");
}
