//! Test setup: a clean DOM and storage for every test.
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// CI machines are small and run test files in parallel: allow slow renders.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  window.location.hash = "";
});
